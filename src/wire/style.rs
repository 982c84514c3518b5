//! The two response formats and the four request styles.

use std::fmt;
use std::str::FromStr;

/// The response format a request asks for with its `Format` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Json, Format::Xml];

    /// The value of the `Format` request parameter.
    pub fn param_value(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        }
    }

    /// The lowercase name used in run names, case files and the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "xml" => Ok(Format::Xml),
            _ => Err(format!("unknown format `{s}` (expected `json` or `xml`)")),
        }
    }
}

/// How a request travels: which signature, which method, where the parameters go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WireStyle {
    /// V1 (HMAC-SHA1), `GET`, every parameter in the query string.
    V1Get,
    /// V1, `POST`, every parameter in the query string, empty body.
    V1PostQuery,
    /// V1, `POST`, every parameter in an `application/x-www-form-urlencoded` body.
    V1PostForm,
    /// V3 (ACS3-HMAC-SHA256), `POST`, operation parameters in the query,
    /// common ones in `x-acs-*` headers.
    V3,
}

impl WireStyle {
    pub const ALL: [WireStyle; 4] = [
        WireStyle::V1Get,
        WireStyle::V1PostQuery,
        WireStyle::V1PostForm,
        WireStyle::V3,
    ];

    pub fn name(self) -> &'static str {
        match self {
            WireStyle::V1Get => "v1-get",
            WireStyle::V1PostQuery => "v1-post-query",
            WireStyle::V1PostForm => "v1-post-form",
            WireStyle::V3 => "v3",
        }
    }
}

impl fmt::Display for WireStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for WireStyle {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        WireStyle::ALL
            .into_iter()
            .find(|w| w.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown wire style `{s}` (expected v1-get, v1-post-query, v1-post-form or v3)"
                )
            })
    }
}
