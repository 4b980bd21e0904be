package dev.hermesharden.host;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A host that passes everything to another one. Subclasses override what they add to (recording,
 * caching, a test's scripted answers) and inherit the rest. {@code stat} is not forwarded: it runs
 * through this host's {@code exec}, so what a subclass adds applies to it too; {@code lstat},
 * {@code lstatAll} and {@code readLink} are forwarded (a local host answers them without a
 * command).
 */
public abstract class ForwardingHost implements Host {
  protected final Host inner;

  protected ForwardingHost(Host inner) {
    this.inner = inner;
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout) throws HostException {
    return inner.exec(argv, timeout);
  }

  @Override
  public ExecResult exec(List<String> argv, Duration timeout, byte[] stdin, int outputLimit)
      throws HostException {
    return inner.exec(argv, timeout, stdin, outputLimit);
  }

  /** Funnels into {@link #readFile(String, Charset)}: subclasses override that one only. */
  @Override
  public final Optional<String> readFile(String path) throws HostException {
    return readFile(path, StandardCharsets.UTF_8);
  }

  @Override
  public Optional<String> readFile(String path, Charset charset) throws HostException {
    return inner.readFile(path, charset);
  }

  /** Funnels into {@link #writeFile(String, String, FileAttrs, Charset)}. */
  @Override
  public final void writeFile(String path, String content, FileAttrs attrs) throws HostException {
    writeFile(path, content, attrs, StandardCharsets.UTF_8);
  }

  @Override
  public void writeFile(String path, String content, FileAttrs attrs, Charset charset)
      throws HostException {
    inner.writeFile(path, content, attrs, charset);
  }

  @Override
  public Optional<FileStat> lstat(String path) throws HostException {
    return inner.lstat(path);
  }

  @Override
  public List<Optional<FileStat>> lstatAll(List<String> paths) throws HostException {
    return inner.lstatAll(paths);
  }

  @Override
  public String readLink(String path) throws HostException {
    return inner.readLink(path);
  }

  @Override
  public void deleteFile(String path) throws HostException {
    inner.deleteFile(path);
  }

  @Override
  public List<String> listDirectory(String path) throws HostException {
    return inner.listDirectory(path);
  }

  @Override
  public SshAuthOffer sshAuthOffer(String address, int port, String user) throws HostException {
    return inner.sshAuthOffer(address, port, user);
  }

  @Override
  public <T> T parsed(String kind, String path, String text, Function<String, T> parser) {
    return inner.parsed(kind, path, text, parser);
  }

  @Override
  public boolean overNetwork() {
    return inner.overNetwork();
  }

  @Override
  public boolean simulated() {
    return inner.simulated();
  }

  @Override
  public String name() {
    return inner.name();
  }
}
