//! diptych: read news coverage of one event from different outlets side by side.
//! Core (store, align, annotate, app) is free of terminal types; ui and tui sit at the edge.
#![forbid(unsafe_code)]

pub mod align;
pub mod annotate;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
pub mod fetch;
pub mod output;
pub mod store;
pub mod tui;
pub mod ui;
