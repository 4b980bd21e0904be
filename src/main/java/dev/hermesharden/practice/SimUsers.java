package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import dev.hermesharden.host.GroupEntry;
import dev.hermesharden.host.PasswdEntry;
import dev.hermesharden.system.sudoers.SudoGrantees;
import dev.hermesharden.system.sudoers.SudoersFile;
import dev.hermesharden.system.sudoers.SudoersParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Accounts of the practice VPS: seeds Ubuntu 24.04's passwd/group/shadow with root (password,
 * ed25519 key) and {@code admin} (uid 1000, password, not in sudo, a weak rsa 2048 key under a
 * loose {@code ~/.ssh}; cloud-init's sudoers drop-in gives it sudo without a password, as on a
 * cloud image whose default user it is), and answers {@code getent}, {@code passwd -S}, {@code id},
 * {@code adduser --disabled-password}, {@code usermod -aG|-s}, {@code gpasswd -d} and {@code sudo
 * -n -l -U NAME} (from the sudoers files as {@link SudoGrantees} reads them; every grant as {@code
 * (ALL : ALL) ALL}, or {@code (ALL) NOPASSWD: ALL}, in the files' order) and {@code getent shadow}
 * (the practice wizard is root) like the real tools.
 */
final class SimUsers implements SimComponent {
  @Override
  public void seed(SimFs fs) {
    fs.put(SimUserDb.PASSWD, SimFile.file(SimUsersSeed.PASSWD, "root", "root", 0644));
    fs.put(SimUserDb.GROUP, SimFile.file(SimUsersSeed.GROUP, "root", "root", 0644));
    fs.put(SimUserDb.SHADOW, SimFile.file(SimUsersSeed.SHADOW, "root", "shadow", 0640));
    fs.put("/root", SimFile.dir("root", "root", 0700));
    fs.put("/root/.ssh", SimFile.dir("root", "root", 0700));
    fs.put(
        "/root/.ssh/authorized_keys",
        SimFile.file(SimUserDb.ROOT_KEY + "\n", "root", "root", 0600));
    fs.put("/etc/sudoers", SimFile.file(SimUsersSeed.SUDOERS, "root", "root", 0440));
    fs.put("/etc/sudoers.d", SimFile.dir("root", "root", 0755));
    fs.put(
        "/etc/sudoers.d/README", SimFile.file(SimUsersSeed.SUDOERS_README, "root", "root", 0440));
    fs.put(
        "/etc/sudoers.d/90-cloud-init-users",
        SimFile.file(SimUsersSeed.CLOUD_INIT_SUDOERS, "root", "root", 0440));
    home(fs, "admin", "admin");
    fs.put("/home/admin/.ssh", SimFile.dir("admin", "admin", 0755));
    fs.put(
        "/home/admin/.ssh/authorized_keys",
        SimFile.file(SimUserDb.ADMIN_KEY + "\n", "admin", "admin", 0644));
  }

  private static void home(SimFs fs, String user, String group) {
    String h = "/home/" + user;
    fs.put(h, SimFile.dir(user, group, 0750));
    fs.put(h + "/.bashrc", SimFile.file(SimUsersSeed.BASHRC, user, group, 0644));
    fs.put(h + "/.profile", SimFile.file(SimUsersSeed.PROFILE, user, group, 0644));
    fs.put(h + "/.bash_logout", SimFile.file(SimUsersSeed.BASH_LOGOUT, user, group, 0644));
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    SimUserDb db = new SimUserDb(fs);
    return switch (argv.get(0)) {
      case "getent" -> Optional.of(getent(argv, db));
      case "passwd" -> argv.contains("-S") ? Optional.of(passwdStatus(argv, db)) : Optional.empty();
      case "id" -> Optional.of(id(argv, db));
      case "adduser" -> Optional.of(adduser(argv, fs, db));
      case "usermod" -> Optional.of(usermod(argv, db));
      case "gpasswd" -> Optional.of(gpasswd(argv, db));
      case "sudo" -> sudoList(argv, fs, db);
      default -> Optional.empty();
    };
  }

  /** {@code sudo -n -l -U NAME}: sudo's answer as root, from the practice VPS's sudoers files. */
  private static Optional<ExecResult> sudoList(List<String> argv, SimFs fs, SimUserDb db) {
    if (argv.size() != 5 || !argv.subList(1, 4).equals(List.of("-n", "-l", "-U"))) {
      return Optional.empty();
    }
    String user = argv.get(4);
    List<SudoersFile> files = new ArrayList<>();
    List<String> paths = new ArrayList<>(List.of("/etc/sudoers"));
    fs.list("/etc/sudoers.d").stream()
        .filter(p -> !p.contains(".") && !p.endsWith("~"))
        .sorted()
        .forEach(p -> paths.add("/etc/sudoers.d/" + p));
    for (String p : paths) {
      fs.read(p).ifPresent(t -> files.add(new SudoersFile(p, SudoersParser.parse(t))));
    }
    List<PasswdEntry> users =
        db.lines(SimUserDb.PASSWD).stream().flatMap(l -> PasswdEntry.parse(l).stream()).toList();
    List<GroupEntry> groups =
        db.lines(SimUserDb.GROUP).stream().flatMap(l -> GroupEntry.parse(l).stream()).toList();
    // one line per grant, in the files' order, as sudo lists them (a NOPASSWD rule with its tag)
    StringBuilder lines = new StringBuilder();
    for (SudoGrantees.Grant g : SudoGrantees.of(files, new SudoGrantees.Accounts(users, groups))) {
      if (g.who().equals(user) || g.who().equals("ALL")) {
        lines.append(g.noPasswd() ? "    (ALL) NOPASSWD: ALL\n" : "    (ALL : ALL) ALL\n");
      }
    }
    return Optional.of(
        ok(
            argv,
            lines.isEmpty()
                ? "User " + user + " is not allowed to run sudo on vps1.\n"
                : "User " + user + " may run the following commands on vps1:\n" + lines));
  }

  private static ExecResult getent(List<String> argv, SimUserDb db) {
    String file =
        switch (argv.size() < 2 ? "" : argv.get(1)) {
          case "passwd" -> SimUserDb.PASSWD;
          case "group" -> SimUserDb.GROUP;
          case "shadow" -> SimUserDb.SHADOW; // the practice wizard runs as root
          default -> null;
        };
    if (file == null) {
      return fail(argv, 1, "Unknown database: " + (argv.size() < 2 ? "" : argv.get(1)) + "\n");
    }
    // getent passwd [--] KEY...: "--" ends the options, as with getent's argp
    int first = argv.size() > 2 && argv.get(2).equals("--") ? 3 : 2;
    if (argv.size() == first) {
      return ok(argv, String.join("\n", db.lines(file)) + "\n");
    }
    StringBuilder out = new StringBuilder();
    boolean missing = false;
    for (String key : argv.subList(first, argv.size())) {
      Optional<String[]> f = db.find(file, key);
      if (f.isPresent()) {
        out.append(String.join(":", f.get())).append('\n');
      } else {
        missing = true;
      }
    }
    // getent: exit 2 when one or more keys are not found, with no message
    return new ExecResult(argv, missing ? 2 : 0, out.toString(), "");
  }

  private static ExecResult passwdStatus(List<String> argv, SimUserDb db) {
    String user = argv.get(argv.size() - 1);
    Optional<String[]> s = db.find(SimUserDb.SHADOW, user);
    if (db.find(SimUserDb.PASSWD, user).isEmpty() || s.isEmpty()) {
      return fail(argv, 1, "passwd: user '" + user + "' does not exist\n");
    }
    String[] f = Arrays.copyOf(s.get(), 9);
    // shadow-utils: '!' first = L, empty = NP, anything else (also '*') = P
    String state = f[1].startsWith("!") ? "L" : f[1].isEmpty() ? "NP" : "P";
    String date =
        f[2] == null || f[2].isEmpty()
            ? "never"
            : LocalDate.ofEpochDay(Long.parseLong(f[2])).toString();
    return ok(
        argv,
        String.join(
                " ",
                user,
                state,
                date,
                or(f[3], "0"),
                or(f[4], "99999"),
                or(f[5], "7"),
                or(f[6], "-1"))
            + "\n");
  }

  private static String or(String v, String fallback) {
    return v == null || v.isEmpty() ? fallback : v;
  }

  private static ExecResult id(List<String> argv, SimUserDb db) {
    List<String> ops = SimCore.operands(argv);
    String user = ops.isEmpty() ? "root" : ops.get(0);
    Optional<String[]> p = db.find(SimUserDb.PASSWD, user);
    if (p.isEmpty()) {
      return fail(argv, 1, "id: '" + user + "': no such user\n");
    }
    String[] pw = p.get();
    String primary = db.find(SimUserDb.GROUP, pw[3]).map(g -> g[0]).orElse(pw[3]);
    String flags =
        String.join(
            "", argv.subList(1, argv.size()).stream().filter(a -> a.startsWith("-")).toList());
    if (flags.contains("u")) {
      return ok(argv, (flags.contains("n") ? pw[0] : pw[2]) + "\n");
    }
    if (flags.contains("g") && !flags.contains("G")) {
      return ok(argv, (flags.contains("n") ? primary : pw[3]) + "\n");
    }
    List<String> names = new ArrayList<>(List.of(primary));
    db.memberOf(user).stream().filter(g -> !g.equals(primary)).forEach(names::add);
    if (flags.contains("G")) {
      List<String> out = new ArrayList<>();
      for (String g : names) {
        out.add(flags.contains("n") ? g : db.find(SimUserDb.GROUP, g).map(x -> x[2]).orElse(g));
      }
      return ok(argv, String.join(" ", out) + "\n");
    }
    StringBuilder sb = new StringBuilder();
    sb.append("uid=")
        .append(pw[2])
        .append('(')
        .append(pw[0])
        .append(") gid=")
        .append(pw[3])
        .append('(')
        .append(primary)
        .append(") groups=");
    List<String> gs = new ArrayList<>();
    for (String g : names) {
      gs.add(db.find(SimUserDb.GROUP, g).map(x -> x[2]).orElse("?") + "(" + g + ")");
    }
    return ok(argv, sb.append(String.join(",", gs)).append('\n').toString());
  }

  private static ExecResult adduser(List<String> argv, SimFs fs, SimUserDb db) {
    if (!argv.contains("--disabled-password")) {
      return fail(argv, 1, "adduser: the practice VPS only runs adduser --disabled-password\n");
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--gecos")
          || a.equals("--comment")
          || a.equals("--shell")
          || a.equals("--home")) {
        i++;
      } else if (!a.startsWith("-")) {
        names.add(a);
      }
    }
    if (names.size() != 1) {
      return fail(argv, 1, "fatal: Only one or two names allowed.\n");
    }
    String user = names.get(0);
    if (db.find(SimUserDb.PASSWD, user).isPresent()) {
      return fail(argv, 1, "fatal: The user `" + user + "' already exists.\n");
    }
    int id = db.nextId(1000);
    db.append(SimUserDb.GROUP, user + ":x:" + id + ":");
    db.append(SimUserDb.PASSWD, user + ":x:" + id + ":" + id + "::/home/" + user + ":/bin/bash");
    db.append(SimUserDb.SHADOW, user + ":!:" + (SimUserDb.PROVISIONED_DAY + 4) + ":0:99999:7:::");
    List<String> users =
        new ArrayList<>(
            db.find(SimUserDb.GROUP, "users").map(g -> List.of(g[3].split(","))).orElse(List.of()));
    users.removeIf(String::isEmpty);
    users.add(user);
    db.setMembers("users", users);
    home(fs, user, user);
    String out =
        "info: Adding user `"
            + user
            + "' ...\n"
            + "info: Selecting UID/GID from range 1000 to 59999 ...\n"
            + "info: Adding new group `"
            + user
            + "' ("
            + id
            + ") ...\n"
            + "info: Adding new user `"
            + user
            + "' ("
            + id
            + ") with group `"
            + user
            + " ("
            + id
            + ")' ...\n"
            + "info: Creating home directory `/home/"
            + user
            + "' ...\n"
            + "info: Copying files from `/etc/skel' ...\n"
            + "info: Adding new user `"
            + user
            + "' to supplemental / extra groups `users' ...\n"
            + "info: Adding user `"
            + user
            + "' to group `users' ...\n";
    return new ExecResult(argv, 0, "", out);
  }

  private static ExecResult usermod(List<String> argv, SimUserDb db) {
    String user = argv.get(argv.size() - 1);
    if (db.find(SimUserDb.PASSWD, user).isEmpty()) {
      return fail(argv, 6, "usermod: user '" + user + "' does not exist\n");
    }
    int s = argv.indexOf("-s");
    if (s > 0 && s + 1 < argv.size() - 1) {
      String[] pw = db.find(SimUserDb.PASSWD, user).get();
      pw[6] = argv.get(s + 1);
      db.replace(SimUserDb.PASSWD, user, pw);
      return ok(argv, "");
    }
    int g = Math.max(argv.indexOf("-aG"), argv.indexOf("-G"));
    if (g < 0 || g + 1 >= argv.size() - 1) {
      return fail(argv, 2, "usermod: the practice VPS understands -aG GROUPS and -s SHELL only\n");
    }
    for (String group : argv.get(g + 1).split(",")) {
      if (db.find(SimUserDb.GROUP, group).isEmpty()) {
        return fail(argv, 6, "usermod: group '" + group + "' does not exist\n");
      }
    }
    for (String group : argv.get(g + 1).split(",")) {
      String[] gr = db.find(SimUserDb.GROUP, group).get();
      List<String> members = new ArrayList<>(List.of(gr[3].split(",")));
      members.removeIf(String::isEmpty);
      if (!members.contains(user)) {
        members.add(user);
        db.setMembers(group, members);
      }
    }
    return ok(argv, "");
  }

  private static ExecResult gpasswd(List<String> argv, SimUserDb db) {
    List<String> a = new ArrayList<>(argv);
    if (a.size() == 5 && a.get(3).equals("--")) {
      a.remove(3); // gpasswd -d USER -- GROUP
    }
    if (a.size() != 4 || !a.get(1).equals("-d")) {
      return fail(argv, 2, "gpasswd: the practice VPS understands gpasswd -d USER GROUP only\n");
    }
    String user = a.get(2);
    String group = a.get(3);
    Optional<String[]> gr = db.find(SimUserDb.GROUP, group);
    if (gr.isEmpty()) {
      return fail(argv, 3, "gpasswd: group '" + group + "' does not exist in /etc/group\n");
    }
    List<String> members = new ArrayList<>(List.of(gr.get()[3].split(",")));
    if (!members.remove(user)) {
      return fail(argv, 3, "gpasswd: user '" + user + "' is not a member of '" + group + "'\n");
    }
    db.setMembers(group, members);
    return ok(argv, "Removing user " + user + " from group " + group + "\n");
  }
}
