//! `openapi.yaml` as a JSON Schema 2020-12 validator (OpenAPI 3.1's dialect): every JSON body a
//! test receives through [`crate::support::TestApi::send`] is checked against the schema of its
//! operation and status, so types, required fields, enums and nullability cannot drift.
//!
//! Request bodies are checked both ways where the answer tells: a body the server accepted must
//! fit the documented request schema, and one it refused as the wrong shape must not.
//!
//! Each documented body schema is compiled once, as the whole document with a `$ref` to that
//! schema's place in it, so the document's own `#/components/schemas/…` references resolve.

use jsonschema::Validator;
use passerelle_core::api::API_PREFIX;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Read;
use std::sync::{Mutex, OnceLock};

/// What a test saw: enough to find the documented response.
pub struct Exchange<'a> {
    pub method: &'a str,
    /// The request's path, query excluded.
    pub path: &'a str,
    pub status: u16,
    pub headers: &'a axum::http::HeaderMap,
    pub body: &'a [u8],
    /// What the request carried, when it had a body.
    pub request_body: Option<&'a [u8]>,
}

/// The document and the validators compiled from it so far.
pub struct Contract {
    doc: Value,
    validators: Mutex<HashMap<(String, Formats), &'static Validator>>,
}

/// Whether `format` asserts. OpenAPI 3.1 makes it an annotation; the server's own answers are
/// held to it (a `date` must be a date), what it accepts is not (its e-mail check is its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Formats {
    Asserted,
    Annotations,
}

/// The one contract every test shares.
pub fn contract() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.yaml");
        let text = std::fs::read_to_string(path).expect("openapi.yaml at the workspace root");
        Contract::new(serde_norway::from_str(&text).expect("openapi.yaml is YAML"))
    })
}

/// `~` and `/` escaped for a JSON pointer segment (RFC 6901).
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A JSON pointer as a URI fragment: `{id}` in a path template must be percent-encoded.
fn uri_fragment(pointer: &str) -> String {
    pointer
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"/~-._+".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl Contract {
    pub fn new(doc: Value) -> Self {
        Self {
            doc,
            validators: Mutex::new(HashMap::new()),
        }
    }

    /// The validator for the schema at `pointer` (`/components/schemas/Problem`).
    fn validator(&self, pointer: &str, formats: Formats) -> &'static Validator {
        let mut validators = self.validators.lock().unwrap_or_else(|p| p.into_inner());
        validators
            .entry((pointer.to_owned(), formats))
            .or_insert_with(|| {
                let mut root = self.doc.clone();
                root["$ref"] = json!(format!("#{}", uri_fragment(pointer)));
                let validator = jsonschema::draft202012::options()
                    // `int32` is not a JSON Schema format and stays an annotation either way.
                    .should_validate_formats(formats == Formats::Asserted)
                    .build(&root)
                    .unwrap_or_else(|e| {
                        panic!("openapi.yaml#{pointer} is not a valid schema: {e}")
                    });
                // A few dozen validators for the whole test run.
                Box::leak(Box::new(validator))
            })
    }

    /// Every way `value` breaks the schema at `pointer`, formats included, as
    /// `instance path: message` lines.
    pub fn violations(&self, pointer: &str, value: &Value) -> Vec<String> {
        self.violations_with(pointer, value, Formats::Asserted)
    }

    fn violations_with(&self, pointer: &str, value: &Value, formats: Formats) -> Vec<String> {
        self.validator(pointer, formats)
            .iter_errors(value)
            .map(|e| format!("at `{}`: {e}", e.instance_path()))
            .collect()
    }

    /// Follows a `$ref` to a component (`#/components/responses/Unavailable`), with its pointer.
    fn resolve(&self, pointer: String) -> (String, &Value) {
        let node = self.doc.pointer(&pointer).unwrap_or(&Value::Null);
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let target = reference.trim_start_matches('#').to_owned();
                let node = self
                    .doc
                    .pointer(&target)
                    .unwrap_or_else(|| panic!("dangling $ref {reference}"));
                (target, node)
            }
            None => (pointer, node),
        }
    }

    /// The documented path template `path` (under the API prefix) matches, such as `/vacancies/{id}`.
    fn template_for(&self, path: &str) -> Option<String> {
        let path = path.strip_prefix(API_PREFIX)?;
        let segments: Vec<&str> = path.split('/').collect();
        let paths = self.doc["paths"].as_object()?;
        paths
            .keys()
            .find(|template| {
                let parts: Vec<&str> = template.split('/').collect();
                parts.len() == segments.len()
                    && parts.iter().zip(&segments).all(|(part, segment)| {
                        part == segment || (part.starts_with('{') && !segment.is_empty())
                    })
            })
            .cloned()
    }

    /// The pointer of the response documented for `method path → status`, or why there is none.
    fn response_pointer(&self, method: &str, path: &str, status: u16) -> Result<String, String> {
        let problem = || Ok("/components/schemas/Problem".to_owned());
        let Some(template) = self.template_for(path) else {
            // The document's convention: any unknown path under /api is a route-not-found problem.
            return if status == 404 {
                problem()
            } else {
                Err(format!(
                    "{path} matches no documented path, yet answered {status}"
                ))
            };
        };
        let operation = format!(
            "/paths/{}/{}",
            escape(&template),
            method.to_ascii_lowercase()
        );
        if self.doc.pointer(&operation).is_none() {
            // Another method on a known path: the method-not-allowed problem.
            return if status == 405 {
                problem()
            } else {
                Err(format!(
                    "{method} {template} is not documented, yet answered {status}"
                ))
            };
        }
        let response = format!("{operation}/responses/{status}");
        if self.doc.pointer(&response).is_none() {
            return Err(format!("{method} {template} → {status} is not documented"));
        }
        Ok(response)
    }

    /// Checks one exchange: the body against its schema, and the documented required headers.
    pub fn check(&self, exchange: &Exchange) -> Result<(), String> {
        let Exchange {
            method,
            path,
            status,
            headers,
            body,
            request_body,
        } = *exchange;
        // The app's files are not the API's; HEAD and preflights carry no body.
        let under_api = path == "/api" || path.starts_with("/api/");
        if !under_api || (body.is_empty() && method != "GET") {
            return Ok(());
        }
        let media = headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let body = decoded(headers, body)?;
        let value: Value = serde_json::from_slice(&body).map_err(|e| {
            format!(
                "the body is not JSON ({e}): {}",
                String::from_utf8_lossy(&body)
            )
        })?;
        let pointer = match self.response_pointer(method, path, status)? {
            problem if problem.starts_with("/components/schemas/") => {
                if media != "application/problem+json" {
                    return Err(format!("a {status} problem sent as `{media}`"));
                }
                problem
            }
            response => {
                let (response, node) = self.resolve(response);
                for (name, header) in node["headers"].as_object().into_iter().flatten() {
                    if header["required"] == json!(true) && !headers.contains_key(name.as_str()) {
                        return Err(format!("the documented header {name} is missing"));
                    }
                }
                if node["content"].get(&media).is_none() {
                    return Err(format!("{response} documents no `{media}` body"));
                }
                format!("{response}/content/{}/schema", escape(&media))
            }
        };
        let violations = self.violations(&pointer, &value);
        if !violations.is_empty() {
            return Err(format!(
                "the body does not match openapi.yaml#{pointer}:\n  {}\nbody: {value}",
                violations.join("\n  ")
            ));
        }
        match request_body {
            Some(request) => self.check_request(method, path, status, &value, request),
            None => Ok(()),
        }
    }

    /// The request body against the operation's `requestBody` schema, where the answer says
    /// which way it must go: stored (2xx) means it fits; `/problems/invalid-body` means it does not.
    fn check_request(
        &self,
        method: &str,
        path: &str,
        status: u16,
        answer: &Value,
        request: &[u8],
    ) -> Result<(), String> {
        let Some(template) = self.template_for(path) else {
            return Ok(());
        };
        let schema = format!(
            "/paths/{}/{}/requestBody/content/application~1json/schema",
            escape(&template),
            method.to_ascii_lowercase()
        );
        let Ok(request) = serde_json::from_slice::<Value>(request) else {
            return Ok(());
        };
        if self.doc.pointer(&schema).is_none() {
            return Ok(());
        }
        let violations = self.violations_with(&schema, &request, Formats::Annotations);
        let refused_as_wrong_shape = answer["type"] == json!("/problems/invalid-body");
        if (200..300).contains(&status) && !violations.is_empty() {
            Err(format!(
                "the server accepted a request body that openapi.yaml#{schema} refuses:\n  {}\nrequest: {request}",
                violations.join("\n  ")
            ))
        } else if refused_as_wrong_shape && violations.is_empty() {
            Err(format!(
                "the server refused as the wrong shape a request body that openapi.yaml#{schema} allows ({}):\nrequest: {request}",
                answer["detail"]
            ))
        } else {
            Ok(())
        }
    }
}

/// The body as sent before `Content-Encoding` (the compression test asks for gzip).
fn decoded(headers: &axum::http::HeaderMap, body: &[u8]) -> Result<Vec<u8>, String> {
    match headers
        .get(axum::http::header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap_or("?"))
    {
        None | Some("identity") => Ok(body.to_vec()),
        Some("gzip") => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(body)
                .read_to_end(&mut out)
                .map_err(|e| format!("gzip body: {e}"))?;
            Ok(out)
        }
        Some(other) => Err(format!(
            "cannot decode a `{other}` body to check it; teach contract::decoded"
        )),
    }
}

#[cfg(test)]
mod tests;
