//! [`Sources`]: case-file lines, read once, for pointing failures at the
//! expectation that caused them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::suite::Loc;

/// A lazily filled cache of case-file lines.
#[derive(Debug, Default)]
pub struct Sources {
    files: Mutex<HashMap<Arc<str>, Arc<Vec<String>>>>,
}

impl Sources {
    /// The text of the line at `loc`, if the file can be read.
    pub fn line(&self, loc: &Loc) -> Option<String> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let lines = files.entry(loc.file.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(&*loc.file).unwrap_or_default();
            Arc::new(text.lines().map(str::to_string).collect())
        });
        lines.get(loc.line.checked_sub(1)? as usize).cloned()
    }
}
