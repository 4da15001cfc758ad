//! A small GitHub REST client on top of octocrab: JSON in and out, `Link` pagination, and
//! retries with backoff on server errors and secondary rate limits.
//!
//! octocrab's typed handlers do not cover every endpoint ballast needs (review updates, check
//! run annotations, the Actions cache) and hide the status and headers the retry and fallback
//! logic depend on, so every call goes through octocrab's raw methods.

use http::{HeaderMap, Method, StatusCode};
use octocrab::Octocrab;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::fmt;
use std::time::Duration;

/// How often, and how patiently, a failed request is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts after the first one.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles on each further one.
    pub initial_backoff: Duration,
    /// No wait is longer, whatever `retry-after` asks for.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 4,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0-based): what the server asked for, else
    /// exponential backoff; capped by `max_backoff`.
    fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let exponential = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry));
        retry_after.unwrap_or(exponential).min(self.max_backoff)
    }
}

/// Pages followed at most for one listing (100 items each): a guard against a `Link` loop.
const MAX_PAGES: usize = 100;

/// What went wrong with a GitHub API call.
#[derive(Debug)]
pub enum ApiError {
    /// 403 that is not a rate limit: the token may not do this (a fork's pull request, a
    /// read-only `GITHUB_TOKEN`, missing `permissions:`).
    Forbidden { request: String, message: String },
    /// Any other unsuccessful status, after retries where they apply.
    Status {
        request: String,
        status: StatusCode,
        message: String,
    },
    /// The request never got an answer (connection refused, TLS, timeout).
    Transport { request: String, message: String },
    /// The answer was not the JSON expected.
    Decode { request: String, message: String },
    /// The API URL or token could not be used to build a client.
    Setup(String),
}

impl ApiError {
    pub fn is_forbidden(&self) -> bool {
        matches!(self, ApiError::Forbidden { .. })
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Forbidden { request, message } => {
                write!(f, "{request}: HTTP 403 Forbidden: {message}")
            }
            ApiError::Status {
                request,
                status,
                message,
            } => write!(f, "{request}: HTTP {status}: {message}"),
            ApiError::Transport { request, message } => write!(f, "{request}: {message}"),
            ApiError::Decode { request, message } => {
                write!(f, "{request}: unexpected response: {message}")
            }
            ApiError::Setup(message) => write!(f, "cannot set up the GitHub client: {message}"),
        }
    }
}

impl std::error::Error for ApiError {}

/// One answer: status, headers and the body parsed as JSON (`null` when empty).
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

/// The client every GitHub call of ballast goes through.
#[derive(Clone)]
pub struct Client {
    octocrab: Octocrab,
    retry: RetryPolicy,
}

impl Client {
    /// A client for `api_url` (`GITHUB_API_URL`: `https://api.github.com`, or
    /// `https://HOST/api/v3` on GitHub Enterprise Server) authenticated with `token`.
    /// Call it inside a Tokio runtime: octocrab starts a background task.
    pub fn new(api_url: &str, token: &str, retry: RetryPolicy) -> Result<Self, ApiError> {
        let octocrab = Octocrab::builder()
            .base_uri(api_url.trim_end_matches('/'))
            .map_err(|error| ApiError::Setup(format!("invalid API URL {api_url:?}: {error}")))?
            .personal_token(token.to_string())
            .build()
            .map_err(|error| ApiError::Setup(error.to_string()))?;
        Ok(Self { octocrab, retry })
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let answer = self.send(Method::GET, path, None::<&()>).await?;
        decode(&Method::GET, path, answer.body)
    }

    /// Every item of a paginated listing, following `Link: <...>; rel="next"`.
    ///
    /// `items_field` names the array in an object answer (`"actions_caches"`); `None` means the
    /// answer is the array itself.
    pub async fn get_all<T: DeserializeOwned>(
        &self,
        path: &str,
        items_field: Option<&str>,
    ) -> Result<Vec<T>, ApiError> {
        let mut items = Vec::new();
        let mut next = Some(with_per_page(path));
        for _ in 0..MAX_PAGES {
            let Some(page) = next.take() else { break };
            let answer = self.send(Method::GET, &page, None::<&()>).await?;
            let array = match items_field {
                Some(field) => answer.body.get(field).cloned().unwrap_or(Value::Null),
                None => answer.body,
            };
            let page_items: Vec<T> = decode(&Method::GET, &page, array)?;
            items.extend(page_items);
            next = next_page(&answer.headers);
        }
        Ok(items)
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let answer = self.send(Method::POST, path, Some(body)).await?;
        decode(&Method::POST, path, answer.body)
    }

    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let answer = self.send(Method::PUT, path, Some(body)).await?;
        decode(&Method::PUT, path, answer.body)
    }

    pub async fn patch<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let answer = self.send(Method::PATCH, path, Some(body)).await?;
        decode(&Method::PATCH, path, answer.body)
    }

    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        self.send(Method::DELETE, path, None::<&()>).await.map(drop)
    }

    /// Sends one request, retrying on 5xx and secondary rate limits.
    ///
    /// Retries are announced on stderr as they happen (not held in the command's `Output`):
    /// a wait can last a minute, and the log should say why the step is idle.
    async fn send<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Answer, ApiError> {
        let request = format!("{method} {path}");
        let mut retry = 0;
        loop {
            let outcome = self.send_once(&method, path, body).await;
            let answer = match outcome {
                Ok(answer) if answer.status.is_success() => return Ok(answer),
                Ok(answer) => answer,
                Err(message) if retry < self.retry.max_retries => {
                    eprintln!("ballast: {request} failed ({message}); retrying");
                    tokio::time::sleep(self.retry.delay(retry, None)).await;
                    retry += 1;
                    continue;
                }
                Err(message) => return Err(ApiError::Transport { request, message }),
            };
            let retry_after = retry_after(&answer.headers);
            let message = error_message(&answer);
            let rate_limited = is_secondary_rate_limit(answer.status, retry_after, &message);
            let retriable = answer.status.is_server_error() || rate_limited;
            if retriable && retry < self.retry.max_retries {
                let delay = self.retry.delay(retry, retry_after);
                eprintln!(
                    "ballast: {request} answered HTTP {}; retrying in {delay:?}",
                    answer.status.as_u16()
                );
                tokio::time::sleep(delay).await;
                retry += 1;
                continue;
            }
            return Err(match answer.status {
                StatusCode::FORBIDDEN if !rate_limited => ApiError::Forbidden { request, message },
                status => ApiError::Status {
                    request,
                    status,
                    message,
                },
            });
        }
    }

    async fn send_once<B: Serialize>(
        &self,
        method: &Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Answer, String> {
        let octocrab = &self.octocrab;
        let response = match *method {
            Method::GET => octocrab._get(path).await,
            Method::POST => octocrab._post(path, body).await,
            Method::PUT => octocrab._put(path, body).await,
            Method::PATCH => octocrab._patch(path, body).await,
            Method::DELETE => octocrab._delete(path, body).await,
            _ => return Err(format!("unsupported method {method}")),
        }
        .map_err(|error| error.to_string())?;
        let status = response.status();
        let headers = response.headers().clone();
        let text = octocrab
            .body_to_string(response)
            .await
            .map_err(|error| error.to_string())?;
        // Error pages and 204s are not JSON; keep their text for the error message.
        let body = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Ok(Answer {
            status,
            headers,
            body,
        })
    }
}

fn decode<T: DeserializeOwned>(method: &Method, path: &str, body: Value) -> Result<T, ApiError> {
    serde_json::from_value(body).map_err(|error| ApiError::Decode {
        request: format!("{method} {path}"),
        message: error.to_string(),
    })
}

/// GitHub's `message`, or the raw text of a non-JSON answer.
fn error_message(answer: &Answer) -> String {
    match &answer.body {
        Value::Object(object) => object
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("no message")
            .to_string(),
        Value::String(text) => text.chars().take(200).collect(),
        _ => answer
            .status
            .canonical_reason()
            .unwrap_or("no message")
            .to_string(),
    }
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds = headers
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds))
}

/// GitHub answers a secondary rate limit with 403 or 429, a `retry-after` header or a message
/// that says so; a plain 403 is a permission problem and is not retried.
fn is_secondary_rate_limit(
    status: StatusCode,
    retry_after: Option<Duration>,
    message: &str,
) -> bool {
    let limited_status = status == StatusCode::FORBIDDEN || status == StatusCode::TOO_MANY_REQUESTS;
    limited_status
        && (status == StatusCode::TOO_MANY_REQUESTS
            || retry_after.is_some()
            || message
                .to_ascii_lowercase()
                .contains("secondary rate limit"))
}

fn with_per_page(path: &str) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}per_page=100")
}

/// The path and query of the `rel="next"` page, if any. Only the path is kept so that the
/// token is never sent to a host other than the configured API.
fn next_page(headers: &HeaderMap) -> Option<String> {
    let link = headers.get("link")?.to_str().ok()?;
    link.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let is_next = params
            .split(';')
            .any(|param| param.trim().replace(' ', "") == "rel=\"next\"");
        let url = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| path_and_query(url))
    })
}

fn path_and_query(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map_or_else(|| "/".to_string(), |slash| rest[slash..].to_string()),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn next_page_is_the_path_of_the_next_link() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "link",
            HeaderValue::from_static(
                "<https://api.example/repositories/1/pulls/2/files?per_page=100&page=3>; rel=\"next\", \
                 <https://api.example/repositories/1/pulls/2/files?per_page=100&page=9>; rel=\"last\"",
            ),
        );
        assert_eq!(
            next_page(&headers).as_deref(),
            Some("/repositories/1/pulls/2/files?per_page=100&page=3")
        );
    }

    #[test]
    fn last_page_has_no_next() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "link",
            HeaderValue::from_static("<https://api.example/x?page=1>; rel=\"first\""),
        );
        assert_eq!(next_page(&headers), None);
    }

    #[test]
    fn retry_after_wins_over_backoff_but_is_capped() {
        let policy = RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(50),
        };
        assert_eq!(policy.delay(0, None), Duration::from_millis(10));
        assert_eq!(policy.delay(2, None), Duration::from_millis(40));
        assert_eq!(policy.delay(3, None), Duration::from_millis(50));
        assert_eq!(
            policy.delay(0, Some(Duration::from_secs(30))),
            Duration::from_millis(50)
        );
    }

    #[test]
    fn a_plain_403_is_not_a_rate_limit() {
        let forbidden = StatusCode::FORBIDDEN;
        assert!(!is_secondary_rate_limit(
            forbidden,
            None,
            "Resource not accessible by integration"
        ));
        assert!(is_secondary_rate_limit(forbidden, Some(Duration::ZERO), ""));
        assert!(is_secondary_rate_limit(
            forbidden,
            None,
            "You have exceeded a secondary rate limit. Please wait a few minutes."
        ));
        assert!(is_secondary_rate_limit(
            StatusCode::TOO_MANY_REQUESTS,
            None,
            ""
        ));
    }
}
