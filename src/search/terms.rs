//! The query text as fzf reads it: space-separated terms that all must match.

use super::fold::fold;

/// How one term matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Plain word: fuzzy over the short fields, word prefix over long text.
    Fuzzy,
    /// `'word`: exact substring, in any field.
    Exact,
    /// `^word`: some field starts with it.
    Prefix,
    /// `word$`: some field ends with it.
    Suffix,
}

/// One term of the query, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    /// `!` in front: no field may match (an exact match; fzf's inverse terms are exact too).
    pub negated: bool,
    pub text: String,
}

/// Splits and folds the query text. Terms that fold to nothing (a lone `!` or `'` being
/// typed) are dropped rather than matching everything or nothing.
pub fn parse(text: &str) -> Vec<Term> {
    text.split_whitespace().filter_map(parse_term).collect()
}

fn parse_term(raw: &str) -> Option<Term> {
    let (negated, rest) = match raw.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (kind, body) = if let Some(body) = rest.strip_prefix('\'') {
        (TermKind::Exact, body)
    } else if let Some(body) = rest.strip_prefix('^') {
        (TermKind::Prefix, body)
    } else if let Some(body) = rest.strip_suffix('$') {
        // A lone `$` is a suffix term being typed: dropped below, like a lone `!` or `'`.
        (TermKind::Suffix, body)
    } else if negated {
        (TermKind::Exact, rest)
    } else {
        (TermKind::Fuzzy, rest)
    };
    // What is left of a term being typed may be only operators (`^$`): nothing to match yet.
    if body.chars().all(|c| matches!(c, '!' | '\'' | '^' | '$')) {
        return None;
    }
    let text = fold(body);
    (!text.trim().is_empty()).then_some(Term {
        kind,
        negated,
        text,
    })
}

/// True when `text` contains a `!` term (complete or being typed): such a query can widen
/// as it grows, so incremental search must not re-score only the previous hits.
pub fn has_negation(text: &str) -> bool {
    text.split_whitespace().any(|t| t.starts_with('!'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_that_are_only_operators_are_dropped() {
        for text in ["$", "!", "'", "^", "!$", "!'", "^$"] {
            assert_eq!(parse(text), vec![], "{text:?}");
        }
    }

    #[test]
    fn reads_each_operator() {
        let terms = parse("Гомель 'exact ^pre suf$ !not !^np");
        let kinds: Vec<(TermKind, bool, &str)> = terms
            .iter()
            .map(|t| (t.kind, t.negated, t.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (TermKind::Fuzzy, false, "gomel"),
                (TermKind::Exact, false, "exact"),
                (TermKind::Prefix, false, "pre"),
                (TermKind::Suffix, false, "suf"),
                (TermKind::Exact, true, "not"),
                (TermKind::Prefix, true, "np"),
            ]
        );
        assert!(parse("! ' ^").is_empty());
        assert!(has_negation("food !"));
        assert!(!has_negation("food"));
    }
}
