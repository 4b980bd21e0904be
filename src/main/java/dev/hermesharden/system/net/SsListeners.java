package dev.hermesharden.system.net;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.Host;
import dev.hermesharden.host.HostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks for and reads {@code ss -Htlnpe}: {@code LISTEN 0 4096 0.0.0.0:8642 0.0.0.0:*
 * users:(("docker-proxy",…)) ino:…}, with {@code uid:N} when the socket is not root's. Addresses
 * may be {@code [::]}, {@code *} or carry an interface ({@code 127.0.0.53%lo}).
 *
 * <p>Shared with the {@code watch} step, which records and judges the same listeners: every check
 * asks the same command ({@link #ask}), so a run asks it once.
 */
public final class SsListeners {
  private static final Pattern PROCESS = Pattern.compile("\\(\\(\"([^\"]+)\"");
  private static final Pattern UID = Pattern.compile("\\buid:(\\d+)");
  private static final Pattern PID = Pattern.compile("\\(\\(\"[^\"]+\",pid=(\\d+)");

  /** {@code ss -Htlnpe}: the listening TCP sockets, their programs and (unless root's) owners. */
  public static ExecResult ask(Host host) throws HostException {
    return host.exec("ss", "-Htlnpe");
  }

  /**
   * One listening socket. {@code process} is empty when ss could not see it (no root); it is the
   * program's own name ({@code comm}), which any account chooses for what it starts. {@code uid}
   * owns the socket: {@code ss -e} names it unless it is root's ({@code 0} also without {@code
   * -e}). {@code pid} is the first process ss names for it, 0 when it names none.
   */
  public record Listener(String address, String port, String process, int uid, long pid) {
    public Listener(String address, String port, String process) {
      this(address, port, process, 0);
    }

    public Listener(String address, String port, String process, int uid) {
      this(address, port, process, uid, 0);
    }

    public boolean isPublic() {
      return isPublic(java.util.Optional.empty());
    }

    public boolean isPublic(java.util.Optional<String> privateCidr) {
      return dev.hermesharden.system.net.BindAddress.isPublic(address, privateCidr);
    }

    public String label() {
      return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
  }

  /** Programs that serve SSH: OpenSSH's daemon and Dropbear. */
  private static final Set<String> SSH_SERVERS = Set.of("sshd", "dropbear");

  private SsListeners() {}

  /**
   * Root's listeners run by an SSH server's program, on whatever port: a second daemon started with
   * settings of its own ({@code sshd -p 2200 -o PasswordAuthentication=yes}) shows here and nowhere
   * in {@code /etc/ssh}. Another account's socket is never sshd ({@code uid} names it).
   */
  public static List<Listener> sshServers(List<Listener> listeners) {
    return listeners.stream()
        .filter(l -> l.uid() == 0 && SSH_SERVERS.contains(l.process()))
        .toList();
  }

  /**
   * {@link #sshServers} on a port not in {@code ports} (the ones sshd's files name): another SSH
   * server than the files' sshd, whose settings are its own.
   */
  public static List<Listener> otherSshServers(List<Listener> listeners, List<Integer> ports) {
    return sshServers(listeners).stream()
        .filter(l -> l.port().matches("\\d{1,5}") && !ports.contains(Integer.parseInt(l.port())))
        .toList();
  }

  public static List<Listener> parse(String out) {
    List<Listener> listeners = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 5 || !f[0].equals("LISTEN")) {
        continue;
      }
      String local = f[3];
      int colon = local.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      String addr = local.substring(0, colon);
      if (addr.startsWith("[") && addr.endsWith("]")) {
        addr = addr.substring(1, addr.length() - 1);
      }
      int pct = addr.indexOf('%');
      if (pct >= 0) {
        addr = addr.substring(0, pct);
      }
      Matcher m = PROCESS.matcher(line);
      Matcher u = UID.matcher(line);
      Matcher p = PID.matcher(line);
      listeners.add(
          new Listener(
              addr,
              local.substring(colon + 1),
              m.find() ? m.group(1) : "",
              u.find() ? Integer.parseInt(u.group(1)) : 0,
              p.find() ? Long.parseLong(p.group(1)) : 0));
    }
    return listeners;
  }
}
