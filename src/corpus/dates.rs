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

    #[test]
    fn rejects_non_dates() {
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("Feb 27"), None);
        assert_eq!(parse_date("2025-02-31"), None);
        assert_eq!(parse_date(""), None);
    }
}
