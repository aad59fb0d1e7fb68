//! Simulated participants for development and demos: a crowd of people who come and go, talk, raise
//! hands, chat and get muted, and scripted scenarios for repeatable plugin tests.
