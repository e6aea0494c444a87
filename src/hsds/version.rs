//! Which HSDS version a package follows, told from its file and field names (the files
//! rarely say it themselves, and when they do it is often the template's number).

use super::HsdsError;
use super::package::Package;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Version {
    #[default]
    #[serde(rename = "1.x")]
    V1,
    #[serde(rename = "2.0")]
    V2,
    #[serde(rename = "3.0")]
    V3,
}

impl Version {
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1 => "1.x",
            Version::V2 => "2.0",
            Version::V3 => "3.0",
        }
    }

    /// 3.0: `service_at_location.csv` or `attributes.csv`; 2.0: `services_at_location.csv`
    /// with `service_attributes.csv` or `schedules.csv`; 1.x: `services_taxonomy.csv` or
    /// `regular_schedules.csv`. Otherwise the service fields decide (3.0 added
    /// `assured_date` and `last_modified`); a package without services is not HSDS.
    pub fn detect(package: &Package) -> Result<Version, HsdsError> {
        let has = |name: &str| package.tables.contains_key(name);
        let Some(services) = package.tables.get("services") else {
            return Err(HsdsError::NotHsds(
                "no services table (services.csv, or services in JSON)".into(),
            ));
        };
        let version = if has("service_at_location") || has("attributes") {
            Version::V3
        } else if has("services_at_location") && (has("service_attributes") || has("schedules")) {
            Version::V2
        } else if has("services_taxonomy") || has("regular_schedules") {
            Version::V1
        } else if services.has_column("assured_date") || services.has_column("last_modified") {
            Version::V3
        } else {
            Version::V1
        };
        Ok(version)
    }
}
