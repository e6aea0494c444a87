//! The modal filter pickers (need, region, language, population): their items, the
//! operator's filter text, the cursor and the marks. Ranking is `search::rank_names`, so
//! pickers find names and aliases in both scripts exactly as the CLI resolves them.

use super::text_field::TextField;
use crate::catalogue::{Catalogue, NeedIdx, RegionIdx};
use crate::i18n::Lang;
use crate::search::rank_names;
use std::collections::BTreeSet;

/// Which filter a picker sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Need,
    Region,
    Language,
    Population,
}

impl PickerKind {
    /// The message id of the picker's title.
    pub fn title_id(self) -> &'static str {
        match self {
            PickerKind::Need => "tui-picker-needs",
            PickerKind::Region => "tui-picker-region",
            PickerKind::Language => "tui-picker-language",
            PickerKind::Population => "tui-picker-population",
        }
    }

    /// The message id of the first item, the one that clears the filter.
    pub fn any_id(self) -> &'static str {
        match self {
            PickerKind::Need => "tui-picker-any-need",
            PickerKind::Region => "tui-picker-any-region",
            PickerKind::Language => "tui-picker-any-language",
            PickerKind::Population => "tui-picker-any-population",
        }
    }

    /// Only the need picker marks several items (Tab), like fzf's multi-select.
    pub fn multi(self) -> bool {
        self == PickerKind::Need
    }
}

/// What choosing an item sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickValue {
    /// The first item of every picker: clears the filter.
    Any,
    Need(NeedIdx),
    Region(RegionIdx),
    Text(String),
}

/// One line of a picker.
#[derive(Debug, Clone, PartialEq)]
pub struct PickItem {
    pub label: String,
    /// Indentation in the tree (regions, needs); 0 elsewhere.
    pub depth: usize,
    /// The parent's name, shown when filtering flattens the tree ("in Gomel Oblast").
    pub parent: Option<String>,
    /// Every text the item can be found by (name, id, aliases, synonyms).
    pub texts: Vec<String>,
    pub value: PickValue,
}

/// An open picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub kind: PickerKind,
    pub filter: TextField,
    pub items: Vec<PickItem>,
    /// Indices into `items` that match `filter`, best first (tree order when empty).
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub cursor: usize,
    /// Marked items (indices into `items`), multi-select only.
    pub marked: BTreeSet<usize>,
}

impl Picker {
    /// Opens a picker with the current filter's values marked and under the cursor.
    pub fn open(kind: PickerKind, items: Vec<PickItem>, current: &[PickValue]) -> Picker {
        let marked: BTreeSet<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, item)| current.contains(&item.value))
            .map(|(i, _)| i)
            .collect();
        let mut picker = Picker {
            kind,
            filter: TextField::default(),
            visible: (0..items.len()).collect(),
            items,
            cursor: 0,
            marked: if kind.multi() {
                marked.clone()
            } else {
                BTreeSet::new()
            },
        };
        picker.cursor = marked.first().copied().unwrap_or(0);
        picker
    }

    /// Re-ranks the items after the filter text changed; the cursor goes to the best.
    pub fn refilter(&mut self) {
        let candidates = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (i, item.texts.iter().map(String::as_str).collect()));
        self.visible = rank_names(self.filter.value(), candidates);
        self.cursor = 0;
    }

    pub fn current(&self) -> Option<usize> {
        self.visible.get(self.cursor).copied()
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    pub fn toggle_mark(&mut self) {
        if let Some(item) = self.current()
            && !self.marked.remove(&item)
        {
            self.marked.insert(item);
        }
    }

    /// What Enter applies: the marked items, or else the one under the cursor. `None` when
    /// nothing matches the filter (Enter then does nothing).
    pub fn chosen(&self) -> Option<Vec<PickValue>> {
        if self.kind.multi() && !self.marked.is_empty() {
            return Some(
                self.marked
                    .iter()
                    .map(|&i| self.items[i].value.clone())
                    .collect(),
            );
        }
        self.current().map(|i| vec![self.items[i].value.clone()])
    }
}

/// Builds the items of a picker from the catalogue, the first one (any) in `lang`, found
/// by its words in `lang`.
pub fn items(catalogue: &Catalogue, kind: PickerKind, lang: Lang) -> Vec<PickItem> {
    let any = lang.t(kind.any_id());
    let mut items = vec![PickItem {
        label: format!("({any})"),
        depth: 0,
        parent: None,
        texts: vec![any],
        value: PickValue::Any,
    }];
    match kind {
        PickerKind::Need => items.extend(need_items(catalogue)),
        PickerKind::Region => items.extend(region_items(catalogue)),
        PickerKind::Language => items.extend(text_items(
            catalogue
                .header
                .languages
                .iter()
                .chain(catalogue.services.iter().flat_map(|s| &s.languages)),
        )),
        PickerKind::Population => items.extend(text_items(
            catalogue.services.iter().flat_map(|s| &s.populations),
        )),
    }
    items
}

fn need_items(catalogue: &Catalogue) -> Vec<PickItem> {
    let children = catalogue.need_children();
    let roots = (0..catalogue.needs.len()).filter(|&n| catalogue.needs[n].parent.is_none());
    tree_order(roots, &children)
        .into_iter()
        .map(|(n, depth)| {
            let need = &catalogue.needs[n];
            let mut texts = vec![need.name.clone(), need.id.clone()];
            texts.extend(need.synonyms.iter().cloned());
            PickItem {
                label: crate::text::one_line(&need.name),
                depth,
                parent: need
                    .parent
                    .map(|p| crate::text::one_line(&catalogue.needs[p].name)),
                texts,
                value: PickValue::Need(n),
            }
        })
        .collect()
}

fn region_items(catalogue: &Catalogue) -> Vec<PickItem> {
    let children = catalogue.region_children();
    let roots = (0..catalogue.regions.len()).filter(|&r| catalogue.regions[r].parent.is_none());
    tree_order(roots, &children)
        .into_iter()
        .map(|(r, depth)| {
            let region = &catalogue.regions[r];
            let mut texts = vec![region.name.clone(), region.id.clone()];
            texts.extend(region.aliases.iter().cloned());
            PickItem {
                label: crate::text::one_line(&region.name),
                depth,
                parent: region
                    .parent
                    .map(|p| crate::text::one_line(&catalogue.regions[p].name)),
                texts,
                value: PickValue::Region(r),
            }
        })
        .collect()
}

/// Depth-first order of a forest, with each node's depth.
fn tree_order(roots: impl Iterator<Item = usize>, children: &[Vec<usize>]) -> Vec<(usize, usize)> {
    let mut order = Vec::with_capacity(children.len());
    let mut stack: Vec<(usize, usize)> = roots.map(|r| (r, 0)).collect();
    stack.reverse();
    while let Some((node, depth)) = stack.pop() {
        order.push((node, depth));
        stack.extend(children[node].iter().rev().map(|&c| (c, depth + 1)));
    }
    order
}

fn text_items<'a>(values: impl Iterator<Item = &'a String>) -> Vec<PickItem> {
    let unique: BTreeSet<&String> = values.collect();
    unique
        .into_iter()
        .map(|value| PickItem {
            label: crate::text::one_line(value),
            depth: 0,
            parent: None,
            texts: vec![value.clone()],
            value: PickValue::Text(value.clone()),
        })
        .collect()
}
