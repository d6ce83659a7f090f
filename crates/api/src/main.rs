//! `passerelle-api`: parses the command line, builds the dataset and the store, and serves.

use clap::Parser;
use passerelle_api::config::{Cli, Source};
use passerelle_api::dataset::Dataset;
use passerelle_api::forem::{ClientOptions, ForemClient, ForemSource, OfferStore};
use passerelle_api::index::{LiveIndex, VacancyIndex};
use passerelle_api::store::{ApplicationStore, StoreError};
use passerelle_api::web::WebOptions;
use passerelle_api::{build_app, AppState};
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
enum StartupError {
    #[error("cannot open the applications database: {0}")]
    Store(#[from] StoreError),
    #[error("invalid --cors-origin `{0}`")]
    CorsOrigin(String),
    #[error(
        "--source forem needs --forem-url (the portal's base URL): it is off unless configured"
    )]
    NoForemUrl,
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("passerelle-api: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), StartupError> {
    let store = ApplicationStore::open(&cli.db)?;
    let (index, source) = match cli.source {
        Source::Generated => {
            let started = Instant::now();
            let dataset = Dataset::generate(cli.vacancies, cli.seed);
            eprintln!(
                "generated and indexed {} vacancies (seed {}) in {} ms",
                cli.vacancies,
                cli.seed,
                started.elapsed().as_millis()
            );
            (VacancyIndex::new(dataset), None)
        }
        Source::Forem => {
            let url = cli.forem_url.clone().ok_or(StartupError::NoForemUrl)?;
            let empty = Dataset::imported("forem:none".to_owned(), Vec::new());
            let live = Arc::new(LiveIndex::new(VacancyIndex::new(empty)));
            let mut options = ClientOptions::new(url.clone());
            options.lookback_days = cli.forem_lookback_days;
            options.pause_between_requests = Duration::from_millis(cli.forem_request_pause_ms);
            let source = ForemSource::new(
                ForemClient::new(options),
                OfferStore::open(&cli.db)?,
                live.clone(),
            );
            let restored = source.restore()?;
            eprintln!(
                "forem source on ({url}): serving {restored} stored offers, syncing now and every {} h",
                cli.forem_sync_hours
            );
            // `with_source` below serves the source's own index instead of this empty one.
            let unused = VacancyIndex::new(Dataset::imported(String::new(), Vec::new()));
            (unused, Some(Arc::new(source)))
        }
    };
    let cors_origins = cli
        .cors_origins
        .iter()
        .map(|o| o.parse().map_err(|_| StartupError::CorsOrigin(o.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    if !cli.dist.join("index.html").is_file() {
        eprintln!(
            "warning: {} has no index.html; only the API is served",
            cli.dist.display()
        );
    }
    let faults = cli.faults();
    if !faults.is_off() {
        eprintln!("fault injection on: {faults:?}");
    }
    let application_limit = cli.application_limit();
    match application_limit {
        Some(limit) => eprintln!(
            "new applications limited to {} per minute per client",
            limit.max
        ),
        None => eprintln!("new applications are not limited"),
    }
    let mut state = AppState::new(index, store);
    if let Some(source) = source {
        state = state.with_source(source.clone());
        source.spawn_schedule(Duration::from_secs(u64::from(cli.forem_sync_hours) * 3600));
    }
    let state = state
        .with_faults(faults)
        .with_application_limit(application_limit)
        .with_cors_origins(cors_origins)
        .with_web(WebOptions {
            dist: Some(cli.dist.clone()),
            config_json: cli.config_json.clone(),
        });

    let listener = tokio::net::TcpListener::bind(cli.addr).await?;
    let addr = listener.local_addr()?;
    // The one line on stdout: the e2e runner reads the port from it.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on http://{addr}")?;
    stdout.flush()?;
    drop(stdout);

    // The peer address is the application limit's client key.
    let app = build_app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// Ctrl-C or SIGTERM (what test runners send) ends the server after in-flight requests.
async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, run until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
