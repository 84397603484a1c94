package io.armadaproject.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes a failure reason where Kubernetes picks it up as the container's termination message
 * (the default {@code terminationMessagePath}), so Armada's failed event, and the submit tool
 * following it, carry the reason rather than only an exit code. Outside a pod the file does not
 * exist and nothing is written.
 */
final class TerminationMessage {
  /** Overridable for tests and unusual pod specs. */
  static final String PATH_ENV = "ARMADA_SPARK_TERMINATION_MESSAGE_PATH";

  static final String DEFAULT_PATH = "/dev/termination-log";

  private TerminationMessage() {}

  static void write(String message) {
    String configured = System.getenv(PATH_ENV);
    Path path = Paths.get(configured != null && !configured.isEmpty() ? configured : DEFAULT_PATH);
    if (!Files.isWritable(path)) return;
    try {
      Files.write(path, (message + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException | SecurityException e) {
      // Best effort: the message is in the driver log as well.
    }
  }
}
