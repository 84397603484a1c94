package io.armadaproject.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * {@code WaitForDriver host port timeoutSeconds}: the executors' init container. Retries a TCP
 * connection every 500ms; exits 0 once the driver accepts one, 1 when the timeout passes (2 on
 * bad arguments). Runs with plain {@code java}, needs nothing from Spark.
 */
public final class WaitForDriver {
  private static final long RETRY_MS = 500;
  private static final int CONNECT_TIMEOUT_MS = 1000;

  private WaitForDriver() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: WaitForDriver <host> <port> <timeoutSeconds>");
      return 2;
    }
    String host = args[0];
    int port;
    long timeoutSeconds;
    try {
      port = Integer.parseInt(args[1]);
      timeoutSeconds = Long.parseLong(args[2]);
    } catch (NumberFormatException e) {
      System.err.println(
          "WaitForDriver: port and timeoutSeconds must be whole numbers, got \""
              + args[1]
              + "\" and \""
              + args[2]
              + "\"");
      return 2;
    }
    if (port < 1 || port > 65535 || timeoutSeconds < 0) {
      System.err.println(
          "WaitForDriver: expected a port in 1..65535 and timeoutSeconds >= 0, got "
              + port
              + " and "
              + timeoutSeconds);
      return 2;
    }
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    int attempts = 0;
    String lastError = "";
    System.out.println("Waiting up to " + timeoutSeconds + "s for the driver at " + host + ":" + port);
    while (true) {
      attempts++;
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        System.out.println(
            "Driver at " + host + ":" + port + " is reachable (attempt " + attempts + ")");
        return 0;
      } catch (IOException | IllegalArgumentException e) {
        lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (System.nanoTime() >= deadline) break;
      try {
        Thread.sleep(RETRY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (System.nanoTime() >= deadline) break;
    }
    System.err.println(
        "WaitForDriver: the driver at "
            + host
            + ":"
            + port
            + " did not accept a connection within "
            + timeoutSeconds
            + "s ("
            + attempts
            + " attempts; last error: "
            + lastError
            + ")");
    return 1;
  }
}
