//! Arguments several commands share: a date range (`--from`, `--to`) and an association
//! measure (`--measure`), whose accepted values and help come from the measures themselves.

use crate::analysis::docset::DocSet;
use crate::analysis::measures::Association;
use crate::analysis::trends::date_range_docs;
use crate::corpus::Corpus;
use chrono::NaiveDate;
use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

/// A range of days, both ends included, given together or not at all.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct DateArgs {
    /// First day of the selection (YYYY-MM-DD).
    #[arg(long, requires = "to")]
    pub from: Option<NaiveDate>,
    /// Last day of the selection (YYYY-MM-DD).
    #[arg(long, requires = "from")]
    pub to: Option<NaiveDate>,
}

impl DateArgs {
    /// The range, when both ends were given.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.from.zip(self.to)
    }

    /// Why the range cannot be used: its first day comes after its last.
    pub fn check(&self) -> Result<(), String> {
        match self.range() {
            Some((from, to)) if from > to => Err(format!(
                "--from {from} is later than --to {to}; give the earlier day first"
            )),
            _ => Ok(()),
        }
    }

    /// The documents dated in the range, as the app's date selection picks them; `None` when
    /// no range was given.
    pub fn docs(&self, c: &Corpus) -> Option<DocSet> {
        self.range().map(|(from, to)| date_range_docs(c, from, to))
    }
}

/// Reads an association measure by key or alias, any case. The values clap lists in the help
/// (each with its name) are [`Association::all`], so a new measure appears there by itself.
pub fn measure_parser() -> impl TypedValueParser<Value = Association> {
    let values = Association::all().iter().map(|a| {
        PossibleValue::new(a.key())
            .help(a.name())
            .aliases(a.aliases().iter().copied())
    });
    PossibleValuesParser::new(values).try_map(|s| s.parse::<Association>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cmd {
        #[command(flatten)]
        dates: DateArgs,
        #[arg(long, ignore_case = true, default_value = Association::default().key(), value_parser = measure_parser())]
        measure: Association,
    }

    fn parse(args: &[&str]) -> Result<Cmd, clap::Error> {
        Cmd::try_parse_from(std::iter::once("cmd").chain(args.iter().copied()))
    }

    #[test]
    fn measures_parse_by_key_alias_and_any_case() {
        assert_eq!(
            parse(&[]).map(|c| c.measure).ok(),
            Some(Association::LogDice)
        );
        for &a in Association::all() {
            let got = parse(&["--measure", a.key()]).map(|c| c.measure).ok();
            assert_eq!(got, Some(a));
        }
        let got = |m: &str| parse(&["--measure", m]).map(|c| c.measure).ok();
        assert_eq!(got("G2"), Some(Association::LogLikelihood));
        assert_eq!(got("NPMI"), Some(Association::Npmi));
        assert_eq!(got("t-score"), Some(Association::TScore));
        assert_eq!(got("chi2"), None);
    }

    #[test]
    fn help_lists_every_measure() {
        use clap::CommandFactory;
        let help = Cmd::command().render_help().to_string();
        let keys: Vec<&str> = Association::all().iter().map(|a| a.key()).collect();
        assert!(
            help.contains(&format!("[possible values: {}]", keys.join(", "))),
            "{help}"
        );
    }

    #[test]
    fn dates_come_in_pairs() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let c = parse(&["--from", "2025-03-01", "--to", "2025-05-31"]).expect("parses");
        assert_eq!(c.dates.range(), d("2025-03-01").zip(d("2025-05-31")));
        assert_eq!(parse(&[]).expect("parses").dates.range(), None);
        assert!(parse(&["--from", "2025-03-01"]).is_err());
        assert!(parse(&["--to", "2025-03-01"]).is_err());
        assert!(parse(&["--from", "March", "--to", "2025-03-01"]).is_err());
        let backwards = parse(&["--from", "2025-05-01", "--to", "2025-03-01"]).expect("parses");
        assert!(backwards.dates.check().is_err());
        assert!(c.dates.check().is_ok());
    }

    #[test]
    fn date_range_picks_dated_documents_in_it() {
        let doc = |date: Option<&str>| crate::corpus::Document {
            date: date.and_then(|s| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()?
                    .and_hms_opt(12, 0, 0)
            }),
            ..Default::default()
        };
        let c = Corpus {
            docs: vec![
                doc(Some("2025-02-28")),
                doc(Some("2025-03-01")),
                doc(None),
                doc(Some("2025-05-31")),
            ],
            ..Default::default()
        };
        let args = parse(&["--from", "2025-03-01", "--to", "2025-05-31"]).expect("parses");
        let set = args.dates.docs(&c).expect("a range");
        assert_eq!(set.to_vec(), [1, 3]);
        assert!(DateArgs::default().docs(&c).is_none());
    }
}
