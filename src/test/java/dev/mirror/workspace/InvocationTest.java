package dev.mirror.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationTest {
  @Test
  void homeIsTheEnvironmentsHomeAsPythonAndDockerReadIt() {
    assertEquals(Path.of("/home/ci"), Invocation.homeOf(Map.of("HOME", "/home/ci")));
    assertEquals(Path.of(System.getProperty("user.home")), Invocation.homeOf(Map.of()));
    assertEquals(Path.of(System.getProperty("user.home")), Invocation.homeOf(Map.of("HOME", "")));
  }
}
