package dev.hermesharden.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.FileAttrs;
import dev.hermesharden.host.FileStat;
import dev.hermesharden.host.HostException;
import dev.hermesharden.host.SshHost;
import dev.hermesharden.host.ssh.LoginProver;
import dev.hermesharden.host.ssh.SshConfig;
import dev.hermesharden.host.ssh.SshEndpoint;
import dev.hermesharden.host.ssh.SshLogin;
import dev.hermesharden.host.ssh.SshPrompts;
import dev.hermesharden.host.ssh.SshTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Remote mode's client side, run by {@link Workstation} in the sandbox's workstation namespace (the
 * admin's laptop: this machine's files, the workstation's network): one {@link SshHost} (and the
 * {@link LoginProver}) driven by JSON lines on standard input, one answer line per request on
 * standard output. The prompts are answered from the lists the test gave and recorded, so the test
 * sees what the admin would have been asked.
 */
public final class SshWorker {
  private static final ObjectMapper JSON =
      new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());

  private final List<String> asked = new ArrayList<>();
  private SshHost host;
  private SshLogin.Options options;
  private SshEndpoint endpoint;

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    SshWorker w = new SshWorker();
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode req = JSON.readTree(line);
      ObjectNode answer = JSON.createObjectNode();
      try {
        answer.set("value", w.handle(req));
        answer.put("ok", true);
      } catch (HostException e) {
        answer.put("ok", false);
        answer.put("kind", e.kind().name());
        answer.put("message", String.valueOf(e.getMessage()));
        answer.put("sentence", e.sentence().orElse(""));
        ArrayNode a = answer.putArray("args");
        e.sentenceArgs().forEach(a::add);
      }
      answer.set("asked", JSON.valueToTree(w.asked));
      out.println(JSON.writeValueAsString(answer));
    }
    if (w.host != null) {
      w.host.close();
    }
  }

  private JsonNode handle(JsonNode r) throws Exception {
    switch (r.path("op").asText()) {
      case "connect" -> {
        SshPrompts prompts = prompts(r);
        Path home = Path.of(System.getProperty("user.home"));
        endpoint = SshConfig.resolve(SshTarget.parse(r.path("target").asText()), home, "root");
        options = SshLogin.Options.forHome(home, prompts);
        host = SshHost.connect(endpoint, options, r.path("asRoot").asBoolean());
        return JSON.valueToTree(host.info());
      }
      case "exec" -> {
        List<String> argv = strings(r.path("argv"));
        long t0 = System.nanoTime();
        ExecResult e =
            host.exec(
                argv,
                Duration.ofMillis(r.path("timeoutMs").asLong(30_000)),
                Base64.getDecoder().decode(r.path("stdin").asText("")),
                r.path("limit").asInt(4 * 1024 * 1024));
        ObjectNode o = JSON.createObjectNode();
        o.put("exit", e.exitCode());
        o.put("stdout", e.stdout());
        o.put("stderr", e.stderr());
        o.put("ms", (System.nanoTime() - t0) / 1_000_000);
        return o;
      }
      case "read" -> {
        Optional<String> text = host.readFile(r.path("path").asText(), charset(r));
        return text.isPresent() ? JSON.valueToTree(text.get()) : JSON.nullNode();
      }
      case "write" -> {
        host.writeFile(
            r.path("path").asText(),
            r.path("content").asText(),
            new FileAttrs(
                r.path("owner").isNull() ? null : r.path("owner").asText(null),
                r.path("group").isNull() ? null : r.path("group").asText(null),
                r.path("mode").asInt(-1)),
            charset(r));
        return JSON.nullNode();
      }
      case "delete" -> {
        host.deleteFile(r.path("path").asText());
        return JSON.nullNode();
      }
      case "list" -> {
        return JSON.valueToTree(host.listDirectory(r.path("path").asText()));
      }
      case "lstat" -> {
        Optional<FileStat> st = host.lstat(r.path("path").asText());
        return st.isPresent() ? JSON.valueToTree(st.get()) : JSON.nullNode();
      }
      case "readLink" -> {
        return JSON.valueToTree(host.readLink(r.path("path").asText()));
      }
      case "prove" -> {
        SshEndpoint at =
            endpoint
                .at(r.path("address").asText(), r.path("port").asInt(22))
                .withUser(r.path("user").asText(endpoint.user()));
        Optional<java.security.PublicKey> pin =
            r.path("pinned").asBoolean(true) ? Optional.of(host.hostKey()) : Optional.empty();
        LoginProver.Proof p = new LoginProver(options).prove(at, pin);
        ObjectNode o = JSON.valueToTree(p);
        o.put("serverConfirmsKey", p.serverConfirmsKey());
        o.put("serverKeyFingerprint", p.serverKeyFingerprint().orElse(""));
        return o;
      }
      case "info" -> {
        ObjectNode o = JSON.valueToTree(host.info());
        o.put("reconnects", host.reconnects());
        return o;
      }
      case "bench" -> {
        return bench(r);
      }
      case "burst" -> {
        // n short commands side by side, as a check run's side-by-side questions send them
        List<Integer> items =
            java.util.stream.IntStream.range(0, r.path("n").asInt()).boxed().toList();
        List<ExecResult> done =
            dev.hermesharden.host.SideBySide.map(
                items, i -> host.exec(List.of("true"), Duration.ofSeconds(30), new byte[0], 1024));
        ObjectNode o = JSON.createObjectNode();
        o.put("ok", done.stream().filter(ExecResult::ok).count());
        o.put("reconnects", host.reconnects());
        return o;
      }
      default -> throw new IllegalArgumentException("unknown op " + r);
    }
  }

  /** Round trips measured here, on the workstation: medians of {@code n} runs, in microseconds. */
  private JsonNode bench(JsonNode r) throws Exception {
    int n = r.path("n").asInt(100);
    long[] exec = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      ExecResult e = host.exec(List.of("true"), Duration.ofSeconds(10), new byte[0], 1024);
      exec[i] = (System.nanoTime() - t0) / 1000;
      if (!e.ok()) {
        throw new IllegalStateException("true failed: " + e);
      }
    }
    int m = r.path("reads").asInt(20);
    long[] read = new long[m];
    for (int i = 0; i < m; i++) {
      long t0 = System.nanoTime();
      host.readFile(r.path("path").asText(), StandardCharsets.ISO_8859_1).orElseThrow();
      read[i] = (System.nanoTime() - t0) / 1000;
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("execMedianUs", median(exec));
    o.put("execP90Us", percentile(exec, 90));
    o.put("readMedianUs", median(read));
    o.put("readP90Us", percentile(read, 90));
    return o;
  }

  private static long median(long[] v) {
    return percentile(v, 50);
  }

  private static long percentile(long[] v, int p) {
    long[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[Math.min(s.length - 1, s.length * p / 100)];
  }

  private SshPrompts prompts(JsonNode r) {
    boolean accept = r.path("acceptHostKey").asBoolean(false);
    Deque<String> passphrases = new ArrayDeque<>(strings(r.path("passphrases")));
    Deque<String> sudo = new ArrayDeque<>(strings(r.path("sudoPasswords")));
    return new SshPrompts() {
      @Override
      public synchronized boolean acceptUnknownHostKey(
          String host, String keyType, String fingerprint) {
        asked.add("hostkey " + host + " " + keyType + " " + fingerprint);
        return accept;
      }

      @Override
      public synchronized Optional<char[]> keyPassphrase(String keyFile) {
        asked.add("passphrase " + keyFile);
        return Optional.ofNullable(passphrases.poll()).map(String::toCharArray);
      }

      @Override
      public synchronized Optional<char[]> sudoPassword(String user, String host, boolean retry) {
        asked.add("sudo " + user + "@" + host + (retry ? " retry" : ""));
        return Optional.ofNullable(sudo.poll()).map(String::toCharArray);
      }
    };
  }

  private static Charset charset(JsonNode r) {
    return Charset.forName(r.path("charset").asText("UTF-8"));
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }
}
