//! [`Selection`]: the readings chosen for the emulator (`--reading
//! ID=CHOICE`, repeatable), and the one seam where they become its
//! [`Rules`]: [`Selection::rules`] applies each reading's edit to the
//! reference rules.

use std::fmt;

use super::Rules;
use super::ambiguities::{AMBIGUITIES, Ambiguity};
use super::readings::Reading;
use crate::suite::suggest;

/// One chosen reading.
#[derive(Clone, Copy, Debug)]
pub struct Chosen {
    pub ambiguity: &'static Ambiguity,
    pub reading: &'static Reading,
}

impl Chosen {
    /// `ID=CHOICE`.
    pub fn parse(spec: &str) -> Result<Chosen, String> {
        let Some((id, choice)) = spec.split_once('=') else {
            return Err(format!(
                "--reading takes ID=CHOICE (see `createimage-contract readings`), not `{spec}`"
            ));
        };
        let selectable = || {
            AMBIGUITIES
                .iter()
                .filter(|a| a.readings.len() > 1)
                .map(|a| a.id)
        };
        let ambiguity = Ambiguity::by_id(id)
            .filter(|a| a.readings.len() > 1)
            .ok_or_else(|| {
                let kind = if Ambiguity::by_id(id).is_some() {
                    "has a single reading"
                } else {
                    "is not an ambiguity"
                };
                with_help(
                    format!("--reading {spec}: `{id}` {kind}"),
                    suggest::help(id, selectable()),
                )
            })?;
        let reading = ambiguity.reading(choice).ok_or_else(|| {
            with_help(
                format!("--reading {spec}: `{id}` has no reading `{choice}`"),
                suggest::help(choice, ambiguity.readings.iter().map(|r| r.choice)),
            )
        })?;
        Ok(Chosen { ambiguity, reading })
    }

    pub fn is_default(&self) -> bool {
        self.ambiguity.default_reading().choice == self.reading.choice
    }
}

impl fmt::Display for Chosen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.ambiguity.id, self.reading.choice)
    }
}

fn with_help(message: String, help: Option<String>) -> String {
    match help {
        Some(help) => format!("{message}; {help}"),
        None => message,
    }
}

/// The readings chosen, at most one per ambiguity.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    chosen: Vec<Chosen>,
}

impl Selection {
    /// Every `ID=CHOICE`; one ambiguity given twice with two choices is an
    /// error.
    pub fn parse<S: AsRef<str>>(specs: &[S]) -> Result<Selection, String> {
        let mut selection = Selection::default();
        for spec in specs {
            selection.choose(Chosen::parse(spec.as_ref())?)?;
        }
        Ok(selection)
    }

    /// Adds one reading.
    pub fn choose(&mut self, chosen: Chosen) -> Result<(), String> {
        match self
            .chosen
            .iter()
            .find(|c| c.ambiguity.id == chosen.ambiguity.id)
        {
            Some(earlier) if earlier.reading.choice != chosen.reading.choice => Err(format!(
                "--reading {chosen} contradicts --reading {earlier}: one reading per ambiguity"
            )),
            Some(_) => Ok(()),
            None => {
                self.chosen.push(chosen);
                Ok(())
            }
        }
    }

    /// Only one reading.
    pub fn one(chosen: Chosen) -> Selection {
        Selection {
            chosen: vec![chosen],
        }
    }

    pub fn chosen(&self) -> &[Chosen] {
        &self.chosen
    }

    /// No reading other than the defaults.
    pub fn is_default(&self) -> bool {
        self.chosen.iter().all(Chosen::is_default)
    }

    /// The reference rules with every chosen reading's edit applied.
    pub fn rules(&self) -> Rules {
        let mut rules = Rules::reference();
        for chosen in &self.chosen {
            (chosen.reading.edit)(&mut rules);
        }
        rules
    }
}

impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chosen: Vec<String> = self
            .chosen
            .iter()
            .filter(|c| !c.is_default())
            .map(ToString::to_string)
            .collect();
        f.write_str(&chosen.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_is_chosen_by_id_and_choice() {
        let selection = Selection::parse(&["image-name-characters=error-table"]).unwrap();
        assert_eq!(selection.rules().image_name_punctuation, &['.', '_', '-']);
        assert!(!selection.is_default());
        assert_eq!(selection.to_string(), "image-name-characters=error-table");
    }

    #[test]
    fn no_reading_or_default_readings_are_the_reference_rules() {
        assert_eq!(Selection::default().rules(), Rules::reference());
        let defaults = Selection::parse(&["image-name-characters=union"]).unwrap();
        assert!(defaults.is_default());
        assert_eq!(defaults.rules(), Rules::reference());
    }

    #[test]
    fn an_unknown_id_or_choice_suggests_the_closest() {
        let err = Selection::parse(&["image-name-charactres=error-table"]).unwrap_err();
        assert!(
            err.contains("did you mean `image-name-characters`?"),
            "{err}"
        );
        let err = Selection::parse(&["image-name-characters=eror-table"]).unwrap_err();
        assert!(err.contains("did you mean `error-table`?"), "{err}");
        let err = Selection::parse(&["image-version-rule=reference"]).unwrap_err();
        assert!(err.contains("has a single reading"), "{err}");
        let err = Selection::parse(&["image-name-characters"]).unwrap_err();
        assert!(err.contains("ID=CHOICE"), "{err}");
    }

    #[test]
    fn one_ambiguity_takes_one_reading() {
        let err = Selection::parse(&[
            "image-name-characters=error-table",
            "image-name-characters=parameter-table",
        ])
        .unwrap_err();
        assert!(err.contains("one reading per ambiguity"), "{err}");
        assert!(
            Selection::parse(&[
                "image-name-characters=error-table",
                "image-name-characters=error-table",
            ])
            .is_ok()
        );
    }
}
