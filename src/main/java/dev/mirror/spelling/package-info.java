/**
 * "Did you mean": the closest of a set of names to a misspelt one. Shared by the Starlark
 * resolver, target fields, specs and options, none of which should depend on another for it.
 */
package dev.mirror.spelling;
