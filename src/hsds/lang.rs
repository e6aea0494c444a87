//! Language names and codes from HSDS files → ISO 639-1 codes where known. Files give
//! `English`, `spanish`, `eng`, `es` or `Haitian Creole`; the catalogue's language filter
//! wants codes. An unknown value is kept as written (lower-cased) and reported.

/// (code, names and other codes that mean it).
const LANGUAGES: &[(&str, &[&str])] = &[
    ("en", &["english", "eng"]),
    (
        "es",
        &["spanish", "spa", "espanol", "español", "castellano"],
    ),
    ("fr", &["french", "fra", "fre", "francais", "français"]),
    (
        "ht",
        &[
            "haitian creole",
            "creole",
            "haitian",
            "kreyol",
            "kreyòl",
            "hat",
        ],
    ),
    ("pt", &["portuguese", "por", "portugues", "português"]),
    ("ru", &["russian", "rus", "русский"]),
    ("uk", &["ukrainian", "ukr", "українська"]),
    ("be", &["belarusian", "bel", "беларуская"]),
    ("pl", &["polish", "pol", "polski"]),
    ("de", &["german", "deu", "ger", "deutsch"]),
    ("it", &["italian", "ita", "italiano"]),
    ("zh", &["chinese", "zho", "chi", "mandarin", "cantonese"]),
    ("ar", &["arabic", "ara"]),
    ("vi", &["vietnamese", "vie"]),
    ("ko", &["korean", "kor"]),
    ("ja", &["japanese", "jpn"]),
    ("tl", &["tagalog", "tgl", "filipino", "fil"]),
    ("hi", &["hindi", "hin"]),
    ("ur", &["urdu", "urd"]),
    ("fa", &["persian", "farsi", "fas", "per"]),
    ("he", &["hebrew", "heb"]),
    ("el", &["greek", "ell", "gre"]),
    ("tr", &["turkish", "tur"]),
    ("so", &["somali", "som"]),
    ("sw", &["swahili", "swa"]),
    ("bn", &["bengali", "ben", "bangla"]),
    ("pa", &["punjabi", "panjabi", "pan"]),
    ("gu", &["gujarati", "guj"]),
    ("ro", &["romanian", "ron", "rum"]),
    ("hy", &["armenian", "hye", "arm"]),
    ("ka", &["georgian", "kat", "geo"]),
    ("am", &["amharic", "amh"]),
    ("ti", &["tigrinya", "tir"]),
    ("ps", &["pashto", "pus"]),
    ("ne", &["nepali", "nep"]),
    ("km", &["khmer", "cambodian", "khm"]),
    ("lo", &["lao", "laotian"]),
    ("th", &["thai", "tha"]),
    ("my", &["burmese", "mya", "bur"]),
    ("hu", &["hungarian", "hun"]),
    ("cs", &["czech", "ces", "cze"]),
    ("sk", &["slovak", "slk", "slo"]),
    ("sr", &["serbian", "srp"]),
    ("hr", &["croatian", "hrv"]),
    ("bs", &["bosnian", "bos"]),
    ("sq", &["albanian", "sqi", "alb"]),
    ("nl", &["dutch", "nld", "dut"]),
    ("sv", &["swedish", "swe"]),
    ("yi", &["yiddish", "yid"]),
    ("id", &["indonesian", "ind"]),
    ("ms", &["malay", "msa", "may"]),
];

/// The code for `value`, and whether it was recognised.
pub fn normalise(value: &str) -> (String, bool) {
    let lower = value.trim().to_lowercase();
    for (code, names) in LANGUAGES {
        if lower == *code || names.contains(&lower.as_str()) {
            return (code.to_string(), true);
        }
    }
    // `en-US`, `en_GB`: a known primary code with a region.
    if let Some((primary, _)) = lower.split_once(['-', '_'])
        && LANGUAGES.iter().any(|(c, _)| *c == primary)
    {
        return (primary.to_string(), true);
    }
    (lower, false)
}

/// What a language value from a file became.
#[derive(Debug, PartialEq, Eq)]
pub enum Read {
    /// A name or code, as a code.
    Known(String),
    /// Free text naming languages ("Creole translator provided"): the codes found in it.
    InText(Vec<String>),
    /// One word that is no language known here: kept as written (lower-cased).
    Unknown(String),
    /// Free text naming no language: not a language.
    NotALanguage,
}

/// Reads one language value: a name or code, else the known names inside a longer text.
pub fn read(value: &str) -> Read {
    let (code, known) = normalise(value);
    if known {
        return Read::Known(code);
    }
    let words: Vec<&str> = value
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let mut found: Vec<String> = Vec::new();
    for pair in words.windows(2) {
        if let (code, true) = normalise(&pair.join(" "))
            && !found.contains(&code)
        {
            found.push(code);
        }
    }
    for word in &words {
        // Short words ("in", "or", "and") are not read as codes inside a text.
        if word.chars().count() > 3
            && let (code, true) = normalise(word)
            && !found.contains(&code)
        {
            found.push(code);
        }
    }
    match (found.is_empty(), words.len()) {
        (false, _) => Read::InText(found),
        (true, 1) => Read::Unknown(code),
        (true, _) => Read::NotALanguage,
    }
}

/// Every language named in `cell` (`English, Spanish`, `en;es`), in order, without repeats.
pub fn split(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([',', ';', '/', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_become_codes() {
        assert_eq!(normalise("English"), ("en".into(), true));
        assert_eq!(normalise(" spa "), ("es".into(), true));
        assert_eq!(normalise("Haitian Creole"), ("ht".into(), true));
        assert_eq!(normalise("en-US"), ("en".into(), true));
        assert_eq!(normalise("Klingon"), ("klingon".into(), false));
        assert_eq!(
            read("Creole translator provided"),
            Read::InText(vec!["ht".into()])
        );
        assert_eq!(read("translators available"), Read::NotALanguage);
        assert_eq!(read("Tigrinya"), Read::Known("ti".into()));
        assert_eq!(read("Old Norse"), Read::NotALanguage);
        assert_eq!(read("Icelandic"), Read::Unknown("icelandic".into()));
        assert_eq!(
            split("English, Spanish;ht").collect::<Vec<_>>(),
            ["English", "Spanish", "ht"]
        );
    }
}
