package dev.hermesharden.host;

import dev.hermesharden.host.ssh.RemoteRun;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@link SshHost}'s own file operations, for paths {@link SafeFiles} judged root-only: the same
 * plain commands as for an account's files ({@link CommandFiles}), run with the host's rights. A
 * read takes the bytes as they are ({@code head -c}, capped one byte past {@link
 * Host#MAX_FILE_BYTES}) and decodes them strictly, so sshd's files keep every byte; a write keeps
 * the replaced file's owner, group and mode unless told otherwise, and syncs the directory after
 * the rename. {@code SafeFiles} has already seen, with {@code lstat}, that the entry is a regular
 * file only root can replace.
 */
final class RemoteFiles implements SafeFiles.Direct {
  private final SshHost host;

  RemoteFiles(SshHost host) {
    this.host = host;
  }

  @Override
  public String read(String resolved, FileStat st, Charset cs) throws HostException {
    RemoteRun.Output out =
        host.run(
            CommandFiles.readCommand(resolved),
            CommandFiles.TIMEOUT,
            new byte[0],
            Host.MAX_FILE_BYTES + 1);
    if (out.exitCode() != 0) {
      String err = new String(out.stderr(), StandardCharsets.UTF_8).strip();
      if (err.contains("No such file")) {
        throw new HostException(HostException.Kind.NOT_FOUND, resolved + " vanished");
      }
      throw new HostException(
          err.contains("Permission denied") ? HostException.Kind.PERMISSION : HostException.Kind.IO,
          "cannot read " + resolved + ": " + err);
    }
    if (out.stdout().length > Host.MAX_FILE_BYTES) {
      throw CommandFiles.tooLarge(resolved);
    }
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.stdout()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HostException(HostException.Kind.IO, resolved + " is not valid " + cs, e);
    }
  }

  @Override
  public void write(String resolved, byte[] content, FileAttrs attrs) throws HostException {
    Optional<FileStat> old = host.lstat(resolved);
    int mode = attrs.mode() >= 0 ? attrs.mode() : old.map(FileStat::mode).orElse(0644);
    String owner = attrs.owner() != null ? attrs.owner() : old.map(s -> "+" + s.uid()).orElse(null);
    String group = attrs.group() != null ? attrs.group() : old.map(s -> "+" + s.gid()).orElse(null);
    String chown =
        owner == null && group == null
            ? null
            : (owner == null ? "" : owner) + (group == null ? "" : ":" + group);
    CommandFiles.direct(host).write(resolved, content, mode, chown);
    int slash = resolved.lastIndexOf('/');
    // the rename lasts through a crash only once the directory is on disk (as LocalFiles does)
    host.exec("sync", "--", slash == 0 ? "/" : resolved.substring(0, slash));
  }

  @Override
  public void delete(String resolved) throws HostException {
    CommandFiles.direct(host).delete(resolved);
  }

  @Override
  public List<String> list(String resolved) throws HostException {
    return CommandFiles.direct(host).list(resolved);
  }
}
