package dev.hermesharden.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The admin's laptop for remote mode: a {@link SshWorker} JVM started in the sandbox's workstation
 * network namespace (so its SSH connections leave from 203.0.113.7 / 100.64.0.2 as a laptop's
 * would) with a home directory of the test's own ({@code user.home}, {@code ~/.ssh}), and, when
 * given, an {@code SSH_AUTH_SOCK}. Its {@link SshHost}-backed operations are offered here as a
 * {@link Host}, so the same assertions as for a local host apply; the worker is stopped by its pid.
 *
 * <p>This is why remote tests need no in-JVM namespace trickery: Java cannot move a thread into
 * another network namespace, and a real second process is what an admin's laptop is anyway.
 */
final class Workstation implements Host, AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              false);

  private final Process worker;
  private final BufferedReader answers;
  private final OutputStream requests;
  private final Path stderr;
  private List<String> asked = List.of();

  private Workstation(Process worker, Path stderr) {
    this.worker = worker;
    this.stderr = stderr;
    this.answers =
        new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
    this.requests = worker.getOutputStream();
  }

  /** Starts a worker with {@code home} as its home directory and an optional agent socket. */
  static Workstation start(SandboxVps vps, Path home, Optional<Path> agentSocket)
      throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home.toString());
    agentSocket.ifPresent(s -> env.put("SSH_AUTH_SOCK", s.toString()));
    Path err = Files.createTempFile("hh-worker", ".err");
    List<String> argv =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-Duser.home=" + home,
            "-cp",
            cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator),
            SshWorker.class.getName());
    return new Workstation(vps.startOnWorkstation(argv, env, err), err);
  }

  /** What the admin was asked so far (host keys, passphrases, sudo passwords), in order. */
  List<String> asked() {
    return asked;
  }

  /** Sends one request; the worker's {@link HostException} comes back as one. */
  JsonNode call(ObjectNode req) throws HostException {
    String answer;
    try {
      requests.write((JSON.writeValueAsString(req) + "\n").getBytes(StandardCharsets.UTF_8));
      requests.flush();
      answer = answers.readLine();
    } catch (IOException e) {
      throw new IllegalStateException("the worker died: " + stderr(), e);
    }
    if (answer == null) {
      throw new IllegalStateException("the worker ended: " + stderr());
    }
    JsonNode a;
    try {
      a = JSON.readTree(answer);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON from the worker: " + answer, e);
    }
    List<String> q = new ArrayList<>();
    a.path("asked").forEach(n -> q.add(n.asText()));
    asked = q;
    if (!a.path("ok").asBoolean()) {
      List<String> args = new ArrayList<>();
      a.path("args").forEach(n -> args.add(n.asText()));
      String sentence = a.path("sentence").asText();
      throw new HostException(
          HostException.Kind.valueOf(a.path("kind").asText()),
          a.path("message").asText(),
          null,
          sentence.isEmpty() ? null : sentence,
          args);
    }
    return a.path("value");
  }

  static ObjectNode op(String name) {
    return JSON.createObjectNode().put("op", name);
  }

  /**
   * Connects as {@code target} ({@code user@host[:port]}), answering the prompts from the lists.
   */
  JsonNode connect(
      String target,
      boolean asRoot,
      boolean acceptHostKey,
      List<String> passphrases,
      List<String> sudoPasswords)
      throws HostException {
    ObjectNode r = op("connect").put("target", target).put("asRoot", asRoot);
    r.put("acceptHostKey", acceptHostKey);
    passphrases.forEach(r.putArray("passphrases")::add);
    sudoPasswords.forEach(r.putArray("sudoPasswords")::add);
    return call(r);
  }

  /** A login proof to {@code address} (the host key pinned to the connected server's). */
  JsonNode prove(String address, String user) throws HostException {
    return call(op("prove").put("address", address).put("user", user));
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    return exec(argv, timeout, new byte[0], 4 * 1024 * 1024);
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout, byte[] stdin, int outputLimit)
      throws HostException {
    ObjectNode r = op("exec").put("timeoutMs", timeout.toMillis()).put("limit", outputLimit);
    argv.forEach(r.putArray("argv")::add);
    r.put("stdin", Base64.getEncoder().encodeToString(stdin));
    JsonNode v = call(r);
    return new ExecResult(
        argv, v.path("exit").asInt(), v.path("stdout").asText(), v.path("stderr").asText());
  }

  @Override
  public Optional<String> readFile(String path) throws HostException {
    return readFile(path, StandardCharsets.UTF_8);
  }

  @Override
  public Optional<String> readFile(String path, Charset charset) throws HostException {
    JsonNode v = call(op("read").put("path", path).put("charset", charset.name()));
    return v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs) throws HostException {
    writeFile(path, content, attrs, StandardCharsets.UTF_8);
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs, Charset charset)
      throws HostException {
    call(
        op("write")
            .put("path", path)
            .put("content", content)
            .put("owner", attrs.owner())
            .put("group", attrs.group())
            .put("mode", attrs.mode())
            .put("charset", charset.name()));
  }

  @Override
  public void deleteFile(String path) throws HostException {
    call(op("delete").put("path", path));
  }

  @Override
  public List<String> listDirectory(String path) throws HostException {
    List<String> out = new ArrayList<>();
    call(op("list").put("path", path)).forEach(n -> out.add(n.asText()));
    return out;
  }

  @Override
  public Optional<FileStat> lstat(String path) throws HostException {
    JsonNode v = call(op("lstat").put("path", path));
    try {
      return v.isNull() ? Optional.empty() : Optional.of(JSON.treeToValue(v, FileStat.class));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String readLink(String path) throws HostException {
    return call(op("readLink").put("path", path)).asText();
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public String name() {
    return "workstation";
  }

  String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }

  /** Ends the worker (its connection with it) and waits for it, by pid. */
  @Override
  public void close() throws IOException, InterruptedException {
    requests.close();
    if (!worker.waitFor(10, TimeUnit.SECONDS)) {
      worker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(stderr);
  }
}
