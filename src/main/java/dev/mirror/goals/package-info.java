/**
 * The goals, as values: what {@code list}, {@code peek}, {@code help}, {@code plan} and
 * {@code run} produce from a resolved target graph (addresses, JSON, help text, mirror jobs and
 * their summary and report, or plans of them). Each takes the typed targets the workspace resolved and never goes back to the
 * loader; printing is the CLI's.
 */
package dev.mirror.goals;
