//! Date parsing for the forms news carries: ISO 8601, RFC 2822 and common wire styles.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Month number (1–12) of an English month name or abbreviation ("Feb", "Feb.", "FEBRUARY", "Sept").
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, m) in MONTHS.iter().enumerate() {
        if w == *m || w == full[i] || (w == "sept" && i == 8) {
            return Some(i as u32 + 1);
        }
    }
    None
}

/// Parses a date in any supported form; times with a zone are converted to UTC.
pub fn parse_date(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if s.is_empty() || s.len() > 80 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let iso_like = s.len() >= 8 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    if !iso_like {
        if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
            return Some(dt.naive_utc());
        }
        return parse_words(s).or_else(|| {
            NaiveDate::parse_from_str(s, "%d.%m.%Y")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        });
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.naive_utc());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, f) {
            return Some(dt.naive_utc());
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), f) {
            return Some(dt);
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d.and_time(NaiveTime::MIN));
        }
    }
    parse_words(s)
}

/// Parses forms with a month name: "Feb 27, 2025", "27 February 2025", "Thursday, 27 Feb 2025 10:00",
/// "27-FEB-1987 16:35:16.02".
fn parse_words(s: &str) -> Option<NaiveDateTime> {
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .filter(|p| !p.is_empty())
        .collect();
    let (mut day, mut month, mut year, mut time) = (None, None, None, None);
    for p in parts {
        if let Some(m) = month_number(p) {
            if month.is_none() {
                month = Some(m);
            }
            continue;
        }
        if p.contains(':') {
            time = time.or_else(|| parse_time(p));
            continue;
        }
        let digits = p.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let n: u32 = digits.parse().ok()?;
        if digits.len() == 4 && year.is_none() {
            year = Some(n as i32);
        } else if digits.len() <= 2 && day.is_none() && (1..=31).contains(&n) {
            day = Some(n);
        }
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day.unwrap_or(1))?;
    Some(date.and_time(time.unwrap_or(NaiveTime::MIN)))
}

fn parse_time(p: &str) -> Option<NaiveTime> {
    let p = p.trim_end_matches(|c: char| !c.is_ascii_digit());
    ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(p, f).ok())
}

/// Parses a line that holds nothing but a publication date with a day, a month and a year:
/// "March 3, 2025", "3 June 2025", "Published: Thu, 27 Feb 2025 10:00 GMT", "2025-03-03".
///
/// Any other word or number on the line (a price row such as "Jun 9726", "due April 1, 1999")
/// means it is not a date line, and a month with a year but no day ("February 1986") is not
/// a full date.
pub fn parse_date_line(line: &str) -> Option<NaiveDateTime> {
    // Markdown emphasis around the date or its label ("**Published:** March 3, 2025").
    let cleaned: String = line.chars().filter(|c| !matches!(c, '*' | '_')).collect();
    let s = strip_date_label(cleaned.trim()).trim();
    if s.is_empty() || s.len() > 48 {
        return None;
    }
    let b = s.as_bytes();
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/') {
        // ISO forms: only the characters of a date and time, and one of the full formats.
        let iso_chars = s
            .bytes()
            .all(|c| c.is_ascii_digit() || b"-/:.+ TZ".contains(&c));
        return if iso_chars { parse_date(s) } else { None };
    }
    let (mut days, mut months, mut years, mut weekdays) = (0, 0, 0, 0);
    for token in s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        if is_zone_offset(token) || is_time(token) || is_zone_or_meridiem(token) {
            continue;
        }
        if NaiveDate::parse_from_str(token, "%d.%m.%Y").is_ok() {
            (days, months, years) = (days + 1, months + 1, years + 1);
            continue;
        }
        for piece in token.split('-').filter(|p| !p.is_empty()) {
            if month_number(piece).is_some() {
                months += 1;
            } else if is_weekday(piece) {
                weekdays += 1;
            } else {
                let digits = ["st", "nd", "rd", "th"]
                    .iter()
                    .find_map(|sfx| piece.strip_suffix(sfx))
                    .unwrap_or(piece);
                if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                match (digits.len(), digits.parse::<u32>().ok()?) {
                    (4, _) => years += 1,
                    (1 | 2, 1..=31) => days += 1,
                    _ => return None,
                }
            }
        }
    }
    if (days, months, years) != (1, 1, 1) || weekdays > 1 {
        return None;
    }
    parse_date(s)
}

/// The line without a leading "Published:", "Posted on", "Date:" or "Dated".
fn strip_date_label(s: &str) -> &str {
    let word_end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let word = s[..word_end].to_ascii_lowercase();
    if !matches!(word.as_str(), "published" | "posted" | "date" | "dated") {
        return s;
    }
    let rest = s[word_end..].trim_start();
    let rest = rest
        .strip_prefix("on ")
        .or_else(|| rest.strip_prefix("On "))
        .unwrap_or(rest);
    rest.trim_start_matches([':', ' '])
}

fn is_weekday(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter().any(|d| w == *d || w == d[..3]) || matches!(w.as_str(), "tues" | "thur" | "thurs")
}

/// "10:00", "16:35:16.02", "9:30am".
fn is_time(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    t.contains(':')
        && t.bytes()
            .all(|c| c.is_ascii_digit() || c == b':' || c == b'.')
        && parse_time(t).is_some()
}

/// "+0000", "-0500".
fn is_zone_offset(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 5 && matches!(b[0], b'+' | b'-') && b[1..].iter().all(u8::is_ascii_digit)
}

/// "GMT", "UTC", "CET", "am", "p.m.", "at".
fn is_zone_or_meridiem(t: &str) -> bool {
    const WORDS: &[&str] = &[
        "am", "pm", "a.m.", "p.m.", "at", "gmt", "utc", "ut", "z", "et", "pt", "ct", "est", "edt",
        "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest", "eet", "eest", "wet",
        "west", "msk", "ist", "jst", "hkt", "sgt", "aest", "aedt",
    ];
    WORDS.contains(&t.to_ascii_lowercase().as_str())
}

/// Formats a date for display: `2025-02-27`, or with the time when it is not midnight.
pub fn display(dt: &NaiveDateTime) -> String {
    if dt.time() == NaiveTime::MIN {
        dt.format("%Y-%m-%d").to_string()
    } else {
        dt.format("%Y-%m-%d %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> String {
        parse_date(s)
            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn iso_forms() {
        assert_eq!(ymd("2025-02-27"), "2025-02-27 00:00");
        assert_eq!(ymd("2025-02-27T14:05:00Z"), "2025-02-27 14:05");
        assert_eq!(ymd("2025-02-27T14:05:00+02:00"), "2025-02-27 12:05");
        assert_eq!(ymd("2025-02-27T14:05:00.123"), "2025-02-27 14:05");
        assert_eq!(ymd("2025-02-27 14:05"), "2025-02-27 14:05");
    }

    #[test]
    fn rfc2822() {
        assert_eq!(ymd("Thu, 27 Feb 2025 14:05:00 +0000"), "2025-02-27 14:05");
    }

    #[test]
    fn news_forms() {
        assert_eq!(ymd("Feb 27, 2025"), "2025-02-27 00:00");
        assert_eq!(ymd("Feb. 27, 2025"), "2025-02-27 00:00");
        assert_eq!(ymd("February 27, 2025"), "2025-02-27 00:00");
        assert_eq!(ymd("27 February 2025"), "2025-02-27 00:00");
        assert_eq!(ymd("27-FEB-1987 16:35:16.02"), "1987-02-27 16:35");
        assert_eq!(ymd("Thursday, 27 Feb 2025 10:00"), "2025-02-27 10:00");
        assert_eq!(ymd("Sept 3, 2024"), "2024-09-03 00:00");
    }

    fn line(s: &str) -> String {
        parse_date_line(s)
            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn date_lines_hold_a_full_date_and_nothing_else() {
        assert_eq!(line("March 3, 2025"), "2025-03-03 00:00");
        assert_eq!(line("3 June 2025"), "2025-06-03 00:00");
        assert_eq!(line("Jun 5, 2025"), "2025-06-05 00:00");
        assert_eq!(line("Published: March 3, 2025"), "2025-03-03 00:00");
        assert_eq!(
            line("**Published:** Thu, 27 Feb 2025 14:05:00 +0000"),
            "2025-02-27 14:05"
        );
        assert_eq!(line("Thursday, 27 Feb 2025 10:00 GMT"), "2025-02-27 10:00");
        assert_eq!(line("_March 3rd, 2025_"), "2025-03-03 00:00");
        assert_eq!(line("27-FEB-1987 16:35:16.02"), "1987-02-27 16:35");
        assert_eq!(line("2025-03-03"), "2025-03-03 00:00");
        assert_eq!(line("Posted on 2025-03-03T10:00:00Z"), "2025-03-03 10:00");
        assert_eq!(line("03.03.2025"), "2025-03-03 00:00");
    }

    #[test]
    fn price_rows_and_sentences_are_not_date_lines() {
        for s in [
            "Jun     9726   9727    9726     9802",
            "Jun 9726",
            "due April 1, 1999",
            "debentures due April 1, 1999.",
            "February 1986.",
            "Dec 1310 BID",
            "May 12 1290 1300",
            "of 4,472,0000 dlrs for the year ended August 31.",
            "1986/87            1985/86",
            "19870302",
            "March 3",
            "April 1, 1999.",
        ] {
            assert_eq!(parse_date_line(s), None, "{s}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("Feb 27"), None);
        assert_eq!(parse_date("2025-02-31"), None);
        assert_eq!(parse_date(""), None);
    }
}
