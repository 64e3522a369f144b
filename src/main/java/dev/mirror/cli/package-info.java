/**
 * The {@code mirror} command line (picocli): the only package that prints. Commands turn lower
 * layers' values and errors into output and exit codes: 0 success, 1 failure, 2 usage error.
 */
package dev.mirror.cli;
