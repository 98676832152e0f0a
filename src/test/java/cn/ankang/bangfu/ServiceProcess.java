package cn.ankang.bangfu;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service in a JVM of its own, on the tests' database, for faults that only a real
 * process shows: killed with SIGKILL, or run with tighter timeouts than the shared test
 * service. Its log goes to {@code target/service-process-<port>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private ServiceProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the service with the given extra settings ({@code name=value}) and waits
	 * until it is ready.
	 */
	public static ServiceProcess start(String jwtSecret, String... settings) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = Paths.get("target", "service-process-" + port + ".log");
		Files.createDirectories(log.getParent());
		List<String> command = new ArrayList<>(
				List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						BangfuApplication.class.getName(), "--server.port=" + port,
						"--spring.datasource.url=" + TestDatabase.jdbcUrl(),
						"--spring.datasource.username=" + TestDatabase.username(),
						"--spring.datasource.password=" + TestDatabase.password(), "--bangfu.demo.load=false",
						"--bangfu.security.jwt-secret=" + jwtSecret, "--bangfu.photos.directory=target/test-photos"));
		for (String setting : settings) {
			command.add("--" + setting);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServiceProcess service = new ServiceProcess(process, port, log);
		try {
			service.awaitReady(Duration.ofSeconds(120));
		}
		catch (Exception | AssertionError ex) {
			service.close();
			throw ex;
		}
		return service;
	}

	/** The GraphQL endpoint. */
	public URI graphql() {
		return URI.create("http://127.0.0.1:" + this.port + "/graphql");
	}

	/** The readiness status code: 200 when ready, 503 when not. */
	public int readiness() throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/** SIGKILL: no shutdown hook runs, no request in flight is finished. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new AssertionError("The service process did not die");
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	private void awaitReady(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError(
						"The service process exited with " + this.process.exitValue() + ":\n" + tail());
			}
			try {
				if (readiness() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The service process was not ready within " + timeout + ":\n" + tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
