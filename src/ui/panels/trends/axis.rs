//! The Trends chart's time axis: ticks on the first day of a month or a year (every one, or
//! every second, third… as room allows), labelled as a month or a year, never so near an
//! edge of the chart that the label would be cut.

use chrono::{Datelike, NaiveDate};
use egui_plot::{GridInput, GridMark};

/// Room a tick's label needs, in points.
const LABEL_ROOM: f64 = 90.0;
/// Average days of a month and of a year.
const MONTH: f64 = 30.44;
const YEAR: f64 = 365.25;

/// One choice of tick spacing: a number of days, months or years.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Every {
    Days(u32),
    Months(u32),
    Years(i32),
}

impl Every {
    /// The spacing's length in days, about.
    fn days(self) -> f64 {
        match self {
            Every::Days(n) => n as f64,
            Every::Months(n) => n as f64 * MONTH,
            Every::Years(n) => n as f64 * YEAR,
        }
    }
}

/// The spacings tried, finest first.
const SPACINGS: [Every; 15] = [
    Every::Days(1),
    Every::Days(7),
    Every::Months(1),
    Every::Months(2),
    Every::Months(3),
    Every::Months(6),
    Every::Years(1),
    Every::Years(2),
    Every::Years(5),
    Every::Years(10),
    Every::Years(20),
    Every::Years(50),
    Every::Years(100),
    Every::Years(500),
    Every::Years(1000),
];

/// Plot x of a day (days from the common era, as the chart uses).
fn x_of(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

/// Ticks for the visible days `lo..hi` drawn `days_per_point` apart.
pub fn date_marks(lo: f64, hi: f64, days_per_point: f64) -> Vec<GridMark> {
    let Some(every) = SPACINGS
        .into_iter()
        .find(|e| e.days() / days_per_point.max(f64::MIN_POSITIVE) >= LABEL_ROOM)
    else {
        return Vec::new();
    };
    // A label centred on a tick must not cross the chart's edges.
    let margin = LABEL_ROOM / 2.0 * days_per_point;
    let (Some(first), Some(last)) = (
        NaiveDate::from_num_days_from_ce_opt((lo + margin).ceil() as i32),
        NaiveDate::from_num_days_from_ce_opt((hi - margin).floor() as i32),
    ) else {
        return Vec::new();
    };
    starts(first, last, every)
        .into_iter()
        .map(|d| GridMark {
            value: x_of(d),
            step_size: every.days(),
        })
        .collect()
}

/// The days from `first` to `last` that start a period of `every`.
fn starts(first: NaiveDate, last: NaiveDate, every: Every) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = match every {
        Every::Days(1) => Some(first),
        // Weeks start on Monday.
        Every::Days(_) => first.checked_add_days(chrono::Days::new(
            (7 - first.weekday().num_days_from_monday() as u64) % 7,
        )),
        Every::Months(n) => {
            let m0 = first.year() * 12 + first.month0() as i32;
            let m = m0 + (n as i32 - m0.rem_euclid(n as i32)) % n as i32;
            let m = if month_start(m).is_some_and(|s| s < first) {
                m + n as i32
            } else {
                m
            };
            month_start(m)
        }
        Every::Years(n) => {
            let y = first.year() + (n - first.year().rem_euclid(n)) % n;
            let y = if NaiveDate::from_ymd_opt(y, 1, 1).is_some_and(|s| s < first) {
                y + n
            } else {
                y
            };
            NaiveDate::from_ymd_opt(y, 1, 1)
        }
    };
    while let Some(day) = d.filter(|&day| day <= last) {
        out.push(day);
        d = match every {
            Every::Days(n) => day.checked_add_days(chrono::Days::new(n as u64)),
            Every::Months(n) => day.checked_add_months(chrono::Months::new(n)),
            Every::Years(n) => NaiveDate::from_ymd_opt(day.year() + n, 1, 1),
        };
    }
    out
}

/// The first day of month number `m` (years × 12 + month from 0).
fn month_start(m: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)
}

/// The grid spacer of the chart: [`date_marks`] for what is on show.
pub fn spacer(input: GridInput, points_per_step: f64) -> Vec<GridMark> {
    let days_per_point = input.base_step_size / points_per_step;
    date_marks(input.bounds.0, input.bounds.1, days_per_point)
}

/// A tick's label: the year for yearly ticks, the month for monthly ones, else the day.
pub fn label(mark: &GridMark) -> String {
    let Some(d) = NaiveDate::from_num_days_from_ce_opt(mark.value.round() as i32) else {
        return String::new();
    };
    if mark.step_size >= YEAR - 1.0 {
        d.format("%Y").to_string()
    } else if mark.step_size >= MONTH - 1.0 {
        d.format("%b %Y").to_string()
    } else {
        d.format("%-d %b %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn labels(lo: &str, hi: &str, points: f64) -> Vec<String> {
        let (lo, hi) = (x_of(day(lo)), x_of(day(hi)));
        date_marks(lo, hi, (hi - lo) / points)
            .iter()
            .map(label)
            .collect()
    }

    #[test]
    fn ticks_fall_on_month_and_year_starts_and_clear_the_edges() {
        // Reuters 1987: ten months on 900 points, so one tick a month.
        let l = labels("1987-02-20", "1987-10-22", 900.0);
        assert_eq!(l.first().map(String::as_str), Some("Apr 1987"));
        assert!(l.iter().all(|s| s.ends_with(" 1987")), "{l:?}");
        assert_eq!(l.last().map(String::as_str), Some("Oct 1987"), "{l:?}");
        // Forty years on 600 points: a tick every five or ten years, on 1 January.
        let (lo, hi) = (x_of(day("1985-12-25")), x_of(day("2026-01-01")));
        for m in date_marks(lo, hi, (hi - lo) / 600.0) {
            let d = NaiveDate::from_num_days_from_ce_opt(m.value as i32).unwrap_or_default();
            assert_eq!((d.month(), d.day()), (1, 1));
            assert!(d.year() % 5 == 0, "{d}");
        }
        // A few weeks: Mondays.
        let (lo, hi) = (x_of(day("2025-03-01")), x_of(day("2025-03-31")));
        let marks = date_marks(lo, hi, (hi - lo) / 500.0);
        assert!(!marks.is_empty());
        for m in &marks {
            let d = NaiveDate::from_num_days_from_ce_opt(m.value as i32).unwrap_or_default();
            assert_eq!(d.weekday(), chrono::Weekday::Mon, "{d}");
            assert!(m.value > lo && m.value < hi);
        }
    }

    #[test]
    fn ticks_every_few_months_or_years_start_on_a_whole_step() {
        let s = starts(day("2025-02-10"), day("2025-12-31"), Every::Months(3));
        let s: Vec<String> = s.iter().map(|d| d.to_string()).collect();
        assert_eq!(s, ["2025-04-01", "2025-07-01", "2025-10-01"]);
        let s = starts(day("1986-01-01"), day("1999-06-01"), Every::Years(5));
        let s: Vec<String> = s.iter().map(|d| d.to_string()).collect();
        assert_eq!(s, ["1990-01-01", "1995-01-01"]);
    }
}
