package dev.hermesharden.checks.containers;

import dev.hermesharden.checks.Params;
import dev.hermesharden.checks.Reason;
import dev.hermesharden.checks.Status;
import dev.hermesharden.checks.Verdict;
import dev.hermesharden.system.compose.ComposeFile;
import dev.hermesharden.system.compose.ComposeService;
import dev.hermesharden.system.compose.Interpolation;
import dev.hermesharden.system.compose.VolumeMount;
import dev.hermesharden.system.docker.Confinement;
import dev.hermesharden.system.docker.ContainerState;
import dev.hermesharden.system.hermes.LiteralSecretScanner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pure rules of step 11 over every Hermes compose service and every running Hermes container
 * (what its file asks for and what Docker put in force). Each names the places that fail in its
 * details ({@code FILE:LINE} → service), never a secret's value.
 */
public final class ContainerRules {
  private ContainerRules() {}

  /** Host paths no Hermes container may mount: the host's root, config, root's home, Docker. */
  public static final List<String> FORBIDDEN =
      List.of("/", "/etc", "/root", "/var/run/docker.sock", "/run/docker.sock", "/home");

  public static Verdict hostMounts(ContainerFacts f, Params p) {
    List<String> forbidden = p.list("forbidden");
    Map<String, String> found = new LinkedHashMap<>();
    Map<String, String> unfollowed = new LinkedHashMap<>();
    Map<String, String> swappable = new LinkedHashMap<>();
    for (ComposeFile file : f.docker().compose().files()) {
      for (ComposeService s : file.hermesServices()) {
        if (!s.extendsFrom().isEmpty()) {
          // compose merges the other file's volumes in: not read here (ComposeExtends)
          unfollowed.put(file.path() + ":" + s.line(), s.name() + " extends " + s.extendsFrom());
        }
        for (VolumeMount v : s.volumes()) {
          String src = Interpolation.resolveDefaults(v.source());
          if (sensitive(src, forbidden)) {
            found.put(file.path() + ":" + v.line(), s.name() + " " + src);
          }
        }
      }
    }
    for (ContainerState c : f.docker().hermesContainers()) {
      for (ContainerState.Mount m : c.mounts()) {
        // a volume bound to a host directory (local driver, o=bind) is that directory
        String source = f.volumeDevices().getOrDefault(m.name(), m.source());
        if (sensitive(source, forbidden)) {
          found.put("container " + c.name(), source + ":" + m.destination());
        } else if (f.swappableSources().contains(source)) {
          swappable.put("container " + c.name(), source + ":" + m.destination());
        }
      }
    }
    if (found.isEmpty() && !swappable.isEmpty()) {
      return withDetails(
          Verdict.fail("reason.containers.mounts-swappable", String.join(", ", swappable.values())),
          swappable);
    }
    if (found.isEmpty() && !unfollowed.isEmpty()) {
      return withDetails(
          Verdict.fail("reason.docker.extends-unfollowed", String.join(", ", unfollowed.values())),
          unfollowed);
    }
    return found.isEmpty()
        ? Verdict.pass("reason.containers.mounts-ok")
        : withDetails(
            Verdict.fail("reason.containers.mounts-sensitive", String.join(", ", found.values())),
            found);
  }

  /**
   * A source is sensitive when it overlaps a forbidden path: it is one, lies below one (other than
   * {@code /}: {@code /etc/cron.d} is root's cron), or holds one ({@code /run} holds Docker's
   * socket, {@code /var} holds {@code /var/run/docker.sock}); or it is a {@code ~} path. Compared
   * after {@code .} and {@code ..} are resolved, by name (a symlink in the source is not followed).
   */
  static boolean sensitive(String source, List<String> forbidden) {
    if (source.startsWith("~")) {
      return true;
    }
    if (!source.startsWith("/")) {
      return false;
    }
    String s = java.nio.file.Path.of(source).normalize().toString();
    for (String x : forbidden) {
      if (s.equals(x)
          || (!x.equals("/") && s.startsWith(x + "/"))
          || x.startsWith(s.equals("/") ? "/" : s + "/")) {
        return true;
      }
    }
    return false;
  }

  public static Verdict noNewPrivileges(ContainerFacts f, Params p) {
    return perService(
        f,
        ContainerRules::lacksNoNewPrivileges,
        "reason.containers.nnp-ok",
        "reason.containers.nnp-missing");
  }

  public static Verdict capDrop(ContainerFacts f, Params p) {
    return perService(
        f,
        ContainerRules::lacksCapDrop,
        "reason.containers.caps-ok",
        "reason.containers.caps-kept");
  }

  public static Verdict limits(ContainerFacts f, Params p) {
    return perService(
        f,
        ContainerRules::lacksLimits,
        "reason.containers.limits-ok",
        "reason.containers.limits-missing");
  }

  /**
   * Logs are bounded when the service's logging (else the daemon's default) is the {@code local}
   * driver, which rotates by itself, or sets {@code max-size}. Docker's default json-file grows
   * without end.
   */
  public static Verdict logRotation(ContainerFacts f, Params p) {
    boolean daemonBounded =
        f.daemonLogDriver().equals("local")
            || (List.of("", "json-file").contains(f.daemonLogDriver())
                && f.daemonLogOpts().containsKey("max-size"));
    return perService(
        f,
        h -> lacksLogRotation(h, daemonBounded),
        "reason.containers.logs-ok",
        "reason.containers.logs-unbounded");
  }

  /**
   * What a running container lacks of the confinement the fix writes ("" for nothing). Docker put
   * the daemon's log defaults into the container when it made it, so they are not asked again.
   */
  public static String unconfined(ContainerState c) {
    return String.join(
        ", ",
        java.util.stream.Stream.of(
                lacksNoNewPrivileges(c.confinement()),
                lacksCapDrop(c.confinement()),
                lacksLimits(c.confinement()),
                lacksLogRotation(c.confinement(), false))
            .filter(x -> !x.isEmpty())
            .toList());
  }

  private static String lacksNoNewPrivileges(Confinement h) {
    return h.securityOpt().stream()
            .map(o -> o.replace('=', ':').replace(" ", ""))
            .anyMatch(o -> o.equals("no-new-privileges:true") || o.equals("no-new-privileges"))
        ? ""
        : "security_opt";
  }

  private static String lacksCapDrop(Confinement h) {
    return h.capDrop().isEmpty() ? "cap_drop" : "";
  }

  private static String lacksLimits(Confinement h) {
    boolean cpu = !h.cpus().isEmpty() && !h.cpus().matches("0*(\\.0*)?");
    boolean mem = !h.memory().isEmpty() && !h.memory().matches("0+[a-zA-Z]*");
    return cpu && mem ? "" : !cpu && !mem ? "cpus, mem_limit" : !cpu ? "cpus" : "mem_limit";
  }

  private static String lacksLogRotation(Confinement h, boolean daemonBounded) {
    if (h.logDriver().equals("local") || h.logOptions().containsKey("max-size")) {
      return "";
    }
    return h.logDriver().isEmpty() && daemonBounded ? "" : "logging";
  }

  /**
   * Secret-named keys in {@code environment:} — anyone who may {@code docker inspect} reads them.
   */
  public static Verdict envSecrets(ContainerFacts f, Params p) {
    return perService(
        f,
        h -> "",
        s ->
            String.join(
                ", ",
                s.environment().keySet().stream()
                    .filter(LiteralSecretScanner::looksSecret)
                    .toList()),
        "reason.containers.env-ok",
        "reason.containers.env-secrets");
  }

  public static Verdict rootless(ContainerFacts f, Params p) {
    return f.rootless()
        ? Verdict.pass("reason.containers.rootless")
        : Verdict.notApplicable("reason.containers.rootful");
  }

  private static Verdict perService(
      ContainerFacts f, Function<Confinement, String> missing, String ok, String fail) {
    return perService(f, missing, s -> "", ok, fail);
  }

  /**
   * Judges every Hermes compose service and every running Hermes container: {@code missing} names
   * what its confinement lacks, {@code other} what else is wrong with a service ("" for nothing).
   * The running container decides what is in force: a file changed but not applied (the container
   * was not recreated) fails with {@code reason.containers.not-recreated}. A service's file decides
   * what the next start brings, so a container confined by hand but not in its file fails too. With
   * neither there is nothing to judge: SKIPPED, never a pass.
   */
  private static Verdict perService(
      ContainerFacts f,
      Function<Confinement, String> missing,
      Function<ComposeService, String> other,
      String ok,
      String fail) {
    Map<String, String> inFiles = new LinkedHashMap<>();
    int judged = 0;
    for (ComposeFile file : f.docker().compose().files()) {
      for (ComposeService s : file.hermesServices()) {
        judged++;
        // an override says only what it changes: what it lacks comes from the file it overrides
        String what = file.isOverride() ? "" : missing.apply(s.hardening());
        String more = other.apply(s);
        String all = what.isEmpty() ? more : more.isEmpty() ? what : what + ", " + more;
        if (!all.isEmpty()) {
          inFiles.put(file.path() + ":" + s.line(), s.name() + ": " + all);
        }
      }
    }
    Map<String, String> running = new LinkedHashMap<>();
    for (ContainerState c : f.docker().hermesContainers()) {
      String what = missing.apply(c.confinement());
      if (!what.isEmpty()) {
        running.put("container " + c.name(), c.name() + ": " + what);
      }
    }
    boolean fromFiles = judged > 0;
    if (!fromFiles) {
      judged = f.docker().hermesContainers().size(); // started without a compose file we read
    }
    if (judged == 0) {
      return new Verdict(Status.SKIPPED, Reason.of("reason.containers.no-compose"), Map.of());
    }
    if (inFiles.isEmpty() && running.isEmpty()) {
      return Verdict.pass(ok, judged);
    }
    Map<String, String> found = new LinkedHashMap<>(inFiles);
    found.putAll(running);
    // the sentence names the files' gaps when there are any (fixing them recreates the containers
    // too); the details keep every running container as well
    return withDetails(
        fromFiles && inFiles.isEmpty()
            ? Verdict.fail("reason.containers.not-recreated", String.join("; ", running.values()))
            : Verdict.fail(
                fail, String.join("; ", (inFiles.isEmpty() ? running : inFiles).values())),
        found);
  }

  private static Verdict withDetails(Verdict v, Map<String, String> details) {
    return new Verdict(v.status(), v.reason(), details);
  }
}
