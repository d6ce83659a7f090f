//! Integration tests of the stand-in API, in one binary so the crate links once.

mod adversity;
mod application_limit;
mod applications;
mod bad_input;
mod binary;
mod contract;
mod dataset;
mod detail;
mod durability;
mod faults;
mod forem;
mod fuzz;
mod openapi;
mod search;
mod stand_in;
mod support;
mod web;
