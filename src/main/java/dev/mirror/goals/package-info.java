/**
 * The goals, as values: what {@code list}, {@code peek}, {@code help}, {@code plan} and
 * {@code run} produce from a resolved target graph (addresses, JSON, help text, mirror jobs and
 * their summary and report, or plans of them), and {@code report}, which reads run's JSON
 * reports back into results. Each takes the typed targets the workspace resolved (or, for
 * report, the results) and never goes back to the
 * loader; printing is the CLI's.
 */
package dev.mirror.goals;
