//! The per-client limit on new applications (`POST /applications`): a GCRA token bucket per
//! peer address (`governor`), so one client cannot flood employers or the database.
//!
//! Only applications that would be stored count. A retry of a stored application (same key) is
//! answered from the store whatever the limit: its receipt is what stops a client retrying, and
//! a flaky network must not cost the person their quota. Invalid requests are refused before the
//! limit is consulted, so they neither count nor wait.

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use governor::clock::Clock;
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How many new applications one client may send in a window: a burst of `max`, then one more
/// every `window / max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationLimit {
    pub max: NonZeroU32,
    pub window: Duration,
}

impl ApplicationLimit {
    /// `max` per minute; `0` means no limit.
    pub fn per_minute(max: u32) -> Option<Self> {
        Some(Self {
            max: NonZeroU32::new(max)?,
            window: Duration::from_secs(60),
        })
    }

    fn quota(&self) -> Quota {
        // A window shorter than `max` nanoseconds still refills, one cell a nanosecond.
        let interval = (self.window / self.max.get()).max(Duration::from_nanos(1));
        Quota::with_period(interval)
            .unwrap_or_else(|| Quota::per_second(self.max))
            .allow_burst(self.max)
    }
}

/// Who a request counts against: its peer's address, or one shared key when the connection
/// is unknown (requests driven in-process, without `into_make_service_with_connect_info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKey {
    Peer(IpAddr),
    Unknown,
}

impl ClientKey {
    /// IPv6 clients count per /64: one host usually holds a whole /64 and could rotate within it.
    pub fn from_peer(ip: IpAddr) -> Self {
        match ip.to_canonical() {
            IpAddr::V6(v6) => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                ClientKey::Peer(IpAddr::V6(Ipv6Addr::from(prefix)))
            }
            v4 => ClientKey::Peer(v4),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientKey {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(ClientKey::Unknown, |ConnectInfo(addr)| {
                ClientKey::from_peer(addr.ip())
            }))
    }
}

/// Refused: the client may try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limited {
    pub retry_after: Duration,
    pub limit: ApplicationLimit,
}

impl Limited {
    /// Whole seconds for `Retry-After`, rounded up and at least 1 (0 would invite an instant retry).
    pub fn retry_after_seconds(&self) -> u64 {
        let d = self.retry_after;
        (d.as_secs() + u64::from(d.subsec_nanos() > 0)).max(1)
    }
}

/// Tokio's clock, so tests can pause and advance time (`tokio::time::pause`); outside a
/// paused runtime it is the monotonic system clock.
#[derive(Debug, Clone)]
struct RuntimeClock {
    start: tokio::time::Instant,
}

impl Clock for RuntimeClock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        self.start.elapsed()
    }
}

type KeyedLimiter = RateLimiter<
    ClientKey,
    DefaultKeyedStateStore<ClientKey>,
    RuntimeClock,
    NoOpMiddleware<Duration>,
>;

/// Forget clients whose bucket is full again after this many checks, so memory follows the
/// clients of the last window, not every address ever seen.
const CHECKS_BETWEEN_SWEEPS: u64 = 1024;

/// The limiter the application route consults; [`ApplicationLimiter::off`] admits everything.
#[derive(Debug, Default)]
pub struct ApplicationLimiter {
    limit: Option<(ApplicationLimit, KeyedLimiter)>,
    checks: AtomicU64,
}

impl ApplicationLimiter {
    pub fn off() -> Self {
        Self::default()
    }

    pub fn new(limit: Option<ApplicationLimit>) -> Self {
        let limit = limit.map(|limit| {
            let clock = RuntimeClock {
                start: tokio::time::Instant::now(),
            };
            let limiter = RateLimiter::new(limit.quota(), DefaultKeyedStateStore::default(), clock);
            (limit, limiter)
        });
        Self {
            limit,
            checks: AtomicU64::new(0),
        }
    }

    pub fn limit(&self) -> Option<ApplicationLimit> {
        self.limit.as_ref().map(|(limit, _)| *limit)
    }

    /// Takes one new application from `client`'s allowance, or says how long to wait.
    pub fn admit(&self, client: ClientKey) -> Result<(), Limited> {
        let Some((limit, limiter)) = &self.limit else {
            return Ok(());
        };
        if self.checks.fetch_add(1, Ordering::Relaxed) % CHECKS_BETWEEN_SWEEPS == 0 {
            limiter.retain_recent();
        }
        limiter.check_key(&client).map_err(|not_until| Limited {
            retry_after: not_until.wait_time_from(limiter.clock().now()),
            limit: *limit,
        })
    }
}
