package dev.mirror.buildfiles;

import java.util.Set;

/**
 * The target types of Pants' own backends, generated single-file types included
 * ({@code python_test}, which {@code python_tests} generates). Pants registers them, so BUILD files
 * use them as values as well as calls: {@code __dependencies_rules__((python_tests, python_test),
 * ...)}, {@code __defaults__({(python_test, python_tests): ...})}, {@code str(python_test)}. mirror
 * knows them all as opaque types, whether a file calls them or not, and suggests them for
 * misspelled names.
 *
 * <p>The list follows the target reference of Pants 2.22 to 2.26
 * (pantsbuild.org/2.24/reference/targets and its neighbours), every backend, experimental ones
 * included: core, Python, shell, Go, Docker, Helm, Kubernetes, Terraform, JVM (Java, Scala,
 * Kotlin), JavaScript and TypeScript, C/C++, Swift, SQL, codegen (Protobuf, Thrift, Avro,
 * OpenAPI), packaging (nFPM, Debian, makeself, PyOxidizer, AWS Lambda, Google Cloud Functions),
 * adhoc tools and environments. Value constructors ({@code http_source}, {@code
 * python_artifact}, {@code per_platform}, {@code node_build_script}) are not target types and
 * are not here; Pants' internal {@code _lockfiles} types are left out too. A plugin's types
 * (and any name missing here) still work when a file calls them.
 */
final class PantsTargetTypes {

  static final Set<String> ALIASES = Set.of(
      // core
      "target", "file", "files", "resource", "resources", "relocated_files", "archive",
      "experimental_wrap_as_resources",
      // environments
      "local_environment", "docker_environment", "remote_environment", "workspace_environment",
      "experimental_workspace_environment",
      // adhoc
      "adhoc_tool", "system_binary", "code_quality_tool",
      // python
      "python_source", "python_sources", "python_test", "python_tests", "python_test_utils",
      "python_requirement", "python_requirements", "poetry_requirements", "pipenv_requirements",
      "uv_requirements", "pants_requirements", "python_distribution", "pex_binary",
      "pex_binaries", "vcs_version", "pyoxidizer_binary", "python_aws_lambda_function",
      "python_aws_lambda_layer", "python_google_cloud_function",
      "experimental_wrap_as_python_sources",
      // shell
      "shell_source", "shell_sources", "shunit2_test", "shunit2_tests", "shell_command",
      "run_shell_command", "test_shell_command", "package_shell_command",
      "experimental_test_shell_command",
      // go
      "go_mod", "go_package", "go_binary", "go_third_party_package",
      "experimental_wrap_as_go_package_sources",
      // docker, helm, kubernetes, terraform
      "docker_image",
      "helm_artifact", "helm_chart", "helm_deployment", "helm_unittest_test",
      "helm_unittest_tests",
      "k8s_source", "k8s_sources", "k8s_bundle",
      "terraform_module", "terraform_deployment", "terraform_backend", "terraform_var_files",
      // jvm
      "jvm_artifact", "jvm_artifacts", "deploy_jar", "jvm_war",
      "java_source", "java_sources", "junit_test", "junit_tests",
      "experimental_wrap_as_java_sources",
      "scala_source", "scala_sources", "scala_junit_test", "scala_junit_tests",
      "scalatest_test", "scalatest_tests", "scala_artifact", "scalac_plugin",
      "experimental_wrap_as_scala_sources",
      "kotlin_source", "kotlin_sources", "kotlin_junit_test", "kotlin_junit_tests",
      "kotlinc_plugin", "experimental_wrap_as_kotlin_sources",
      // javascript, typescript
      "javascript_source", "javascript_sources", "javascript_test", "javascript_tests",
      "jsx_source", "jsx_sources", "jsx_test", "jsx_tests",
      "typescript_source", "typescript_sources", "typescript_test", "typescript_tests",
      "tsx_source", "tsx_sources", "tsx_test", "tsx_tests",
      "package_json", "node_package", "node_third_party_package",
      // c/c++, swift, sql
      "cc_source", "cc_sources", "swift_source", "swift_sources", "sql_source", "sql_sources",
      // codegen
      "protobuf_source", "protobuf_sources", "thrift_source", "thrift_sources",
      "avro_source", "avro_sources",
      "openapi_document", "openapi_documents", "openapi_source", "openapi_sources",
      "openapi_bundle",
      // packaging
      "nfpm_apk_package", "nfpm_archlinux_package", "nfpm_deb_package", "nfpm_rpm_package",
      "nfpm_content_dir", "nfpm_content_dirs", "nfpm_content_file", "nfpm_content_files",
      "nfpm_content_symlink", "nfpm_content_symlinks",
      "debian_package", "makeself_archive");

  private PantsTargetTypes() {}
}
