//! Opening hours in OpenStreetMap's `opening_hours` syntax, judged in the catalogue's zone.
//!
//! Parsing is slow (~18 µs a string), so nothing parses hours at load time except `check`;
//! search parses a service's hours only when a query asks "open at".

use opening_hours::OpeningHours;

/// `None` when `hours` parses; otherwise the byte offset inside `hours` where the parser
/// stopped (0 when it does not say) and a one-line message.
pub fn parse_error(hours: &str) -> Option<(usize, String)> {
    let error = OpeningHours::parse(hours).err()?;
    Some(describe(&error))
}

fn describe(error: &opening_hours_syntax::Error) -> (usize, String) {
    match error {
        opening_hours_syntax::Error::Parser(pest_error) => {
            let offset = match pest_error.location {
                pest::error::InputLocation::Pos(p) => p,
                pest::error::InputLocation::Span((start, _)) => start,
            };
            (offset, pest_error.variant.message().to_string())
        }
        other => (0, other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_where_the_parser_stopped() {
        assert!(parse_error("Mo-Fr 09:00-18:00; PH off").is_none());
        let (offset, message) = parse_error("Mo-Fr 09:00-1800").unwrap();
        assert!(offset > 0, "{offset} {message}");
    }
}
