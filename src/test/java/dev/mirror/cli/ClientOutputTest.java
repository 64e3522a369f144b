package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ClientOutputTest {
  @Test
  void theClientNamesItsDescriptorsOrItsStdoutAndStderrAreMeant() {
    assertArrayEquals(new String[] {"1", "2"}, ClientOutput.descriptors(null));
    assertArrayEquals(new String[] {"4", "5"}, ClientOutput.descriptors("4 5"));
    assertArrayEquals(new String[] {null, "5"}, ClientOutput.descriptors("- 5"));
    assertArrayEquals(new String[] {"4", null}, ClientOutput.descriptors("4 -"));
    assertArrayEquals(new String[] {null, null}, ClientOutput.descriptors("../1 x"));
    assertArrayEquals(new String[] {"4", null}, ClientOutput.descriptors("4"));
  }
}
