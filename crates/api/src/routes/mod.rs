//! The `/api/v1` routes.

pub mod applications;
pub mod health;
pub mod vacancies;
