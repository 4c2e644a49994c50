//! [`Association`]: a collocation measure chosen by name in the app or on the command line.

use super::{Contingency, dice, jaccard, log_dice, log_likelihood, mi, npmi, pmi, t_score};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A way to score how strongly two items are associated, from `(o11, f1, f2, n)`.
///
/// Serialized as its short key (`"logdice"`, `"mi"`, `"t"`, …), the same string [`FromStr`]
/// reads. Every score is "higher = more strongly associated".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Association {
    /// Raw joint count O11.
    #[serde(rename = "count")]
    Count,
    /// [`log_dice`].
    #[default]
    #[serde(rename = "logdice")]
    LogDice,
    /// [`mi`].
    #[serde(rename = "mi")]
    Mi,
    /// [`t_score`].
    #[serde(rename = "t")]
    TScore,
    /// [`log_likelihood`], signed: negative when O11 < E11 (the pair avoids each other), so
    /// that sorting by score puts attraction first.
    #[serde(rename = "ll")]
    LogLikelihood,
    /// [`pmi`].
    #[serde(rename = "pmi")]
    Pmi,
    /// [`npmi`].
    #[serde(rename = "npmi")]
    Npmi,
    /// [`jaccard`].
    #[serde(rename = "jaccard")]
    Jaccard,
    /// [`dice`].
    #[serde(rename = "dice")]
    Dice,
}

/// The string named no [`Association`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown association measure {0:?} (expected one of: {keys})", keys = Association::keys())]
pub struct ParseAssociationError(pub String);

impl Association {
    /// Every measure, in menu order.
    pub fn all() -> &'static [Association] {
        use Association::*;
        &[
            Count,
            LogDice,
            Mi,
            TScore,
            LogLikelihood,
            Pmi,
            Npmi,
            Jaccard,
            Dice,
        ]
    }

    /// Short key, as parsed and serialized: `count`, `logdice`, `mi`, `t`, `ll`, `pmi`, `npmi`,
    /// `jaccard`, `dice`.
    pub fn key(self) -> &'static str {
        match self {
            Association::Count => "count",
            Association::LogDice => "logdice",
            Association::Mi => "mi",
            Association::TScore => "t",
            Association::LogLikelihood => "ll",
            Association::Pmi => "pmi",
            Association::Npmi => "npmi",
            Association::Jaccard => "jaccard",
            Association::Dice => "dice",
        }
    }

    /// Name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Association::Count => "Count",
            Association::LogDice => "logDice",
            Association::Mi => "MI",
            Association::TScore => "t-score",
            Association::LogLikelihood => "Log-likelihood",
            Association::Pmi => "PMI",
            Association::Npmi => "NPMI",
            Association::Jaccard => "Jaccard",
            Association::Dice => "Dice",
        }
    }

    /// Other spellings [`FromStr`] also reads (after lowercasing), e.g. `g2` for `ll`.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Association::LogDice => &["log-dice", "log_dice"],
            Association::TScore => &["tscore", "t-score", "t_score"],
            Association::LogLikelihood => &["log-likelihood", "loglikelihood", "g2"],
            _ => &[],
        }
    }

    /// All keys joined with `|`, for help texts.
    pub fn keys() -> String {
        Self::all()
            .iter()
            .map(|a| a.key())
            .collect::<Vec<_>>()
            .join("|")
    }

    /// Score of a pair with joint count `o11`, marginals `f1`, `f2` and sample size `n`.
    /// Always finite (see each measure for its value on zero counts).
    pub fn score(self, o11: f64, f1: f64, f2: f64, n: f64) -> f64 {
        match self {
            Association::Count => o11.max(0.0),
            Association::LogDice => log_dice(o11, f1, f2, n),
            Association::Mi => mi(o11, f1, f2, n),
            Association::TScore => t_score(o11, f1, f2, n),
            Association::LogLikelihood => {
                let g2 = log_likelihood(o11, f1, f2, n);
                if o11 < Contingency::new(o11, f1, f2, n).e11() {
                    -g2
                } else {
                    g2
                }
            }
            Association::Pmi => pmi(o11, f1, f2, n),
            Association::Npmi => npmi(o11, f1, f2, n),
            Association::Jaccard => jaccard(o11, f1, f2, n),
            Association::Dice => dice(o11, f1, f2, n),
        }
    }
}

impl fmt::Display for Association {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Association {
    type Err = ParseAssociationError;

    /// Reads a key or one of its [`Association::aliases`], any case, around spaces.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_ascii_lowercase();
        let k = k.as_str();
        // No alias is another measure's key, so the first measure either names is the one.
        Self::all()
            .iter()
            .copied()
            .find(|a| a.key() == k || a.aliases().contains(&k))
            .ok_or_else(|| ParseAssociationError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_round_trips_every_key() {
        for &a in Association::all() {
            assert_eq!(a.key().parse::<Association>(), Ok(a));
            assert_eq!(a.name().to_lowercase().parse::<Association>(), Ok(a));
        }
        assert_eq!("LogDice".parse(), Ok(Association::LogDice));
        assert_eq!(" T ".parse(), Ok(Association::TScore));
        assert_eq!("g2".parse(), Ok(Association::LogLikelihood));
        assert_eq!("Log_Dice".parse(), Ok(Association::LogDice));
        for &a in Association::all() {
            for alias in a.aliases() {
                assert_eq!(alias.parse::<Association>(), Ok(a), "{alias}");
                // No alias is another measure's key.
                assert!(Association::all().iter().all(|b| b.key() != *alias));
            }
        }
        let err = "chi2".parse::<Association>().unwrap_err();
        assert!(err.to_string().contains("logdice|mi|t|ll"), "{err}");
    }

    #[test]
    fn serializes_as_key() {
        let json = serde_json::to_string(&Association::TScore).unwrap();
        assert_eq!(json, "\"t\"");
        let back: Association = serde_json::from_str("\"npmi\"").unwrap();
        assert_eq!(back, Association::Npmi);
        assert_eq!(Association::default(), Association::LogDice);
        assert_eq!(
            Association::keys(),
            "count|logdice|mi|t|ll|pmi|npmi|jaccard|dice"
        );
    }

    #[test]
    fn score_dispatches_and_signs_log_likelihood() {
        let (o, f1, f2, n) = (10.0, 20.0, 50.0, 1000.0);
        assert_eq!(Association::Count.score(o, f1, f2, n), 10.0);
        assert_eq!(Association::Mi.score(o, f1, f2, n), mi(o, f1, f2, n));
        assert_eq!(
            Association::LogDice.score(o, f1, f2, n),
            log_dice(o, f1, f2, n)
        );
        assert!((Association::LogLikelihood.score(o, f1, f2, n) - 35.06608083222487).abs() < 1e-9);
        // O11 = 1 < E11 = 2: repulsion, negative.
        let rep = Association::LogLikelihood.score(1.0, 20.0, 100.0, 1000.0);
        assert!((rep + 0.6795638126082175).abs() < 1e-9);
        for &a in Association::all() {
            assert!(a.score(0.0, 0.0, 0.0, 0.0).is_finite());
            assert!(a.score(0.0, 3.0, 4.0, 10.0).is_finite());
        }
    }
}
