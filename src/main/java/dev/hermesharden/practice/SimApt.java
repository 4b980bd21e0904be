package dev.hermesharden.practice;

import static dev.hermesharden.practice.SimComponent.fail;
import static dev.hermesharden.practice.SimComponent.ok;

import dev.hermesharden.host.ExecResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * apt on the practice VPS, a provider's minimal Ubuntu 24.04 image: {@code distro-info-data} is
 * there, {@code unattended-upgrades} is not. {@code apt-config dump} prints what {@code
 * /etc/apt/apt.conf.d} says, in apt's format and file order ({@link SimAptConf}); {@code apt-get …
 * install unattended-upgrades} puts the package's stock {@code 50unattended-upgrades} in place and,
 * like its postinst, enables and starts the service — but writes no {@code 20auto-upgrades}, as on
 * Debian and on images that preseed "no".
 */
final class SimApt implements SimComponent {
  static final String CONF_D = "/etc/apt/apt.conf.d";
  static final String PACKAGE = "unattended-upgrades";
  static final String VERSION = "2.9.1+nmu4ubuntu1";

  /** The lines of distro-info-data's ubuntu.csv around the practice release. */
  static final String UBUNTU_CSV =
      """
      version,codename,series,created,release,eol,eol-server,eol-esm,eol-legacy
      20.04 LTS,Focal Fossa,focal,2019-10-17,2020-04-23,2025-05-29,2025-05-29,2030-04-23,2032-04-27
      22.04 LTS,Jammy Jellyfish,jammy,2021-10-14,2022-04-21,2027-06-01,2027-06-01,2032-04-21,2034-04-25
      23.10,Mantic Minotaur,mantic,2023-04-20,2023-10-12,2024-07-11
      24.04 LTS,Noble Numbat,noble,2023-10-12,2024-04-25,2029-05-31,2029-05-31,2034-04-25,2036-04-29
      24.10,Oracular Oriole,oracular,2024-04-25,2024-10-10,2025-07-10
      """;

  /** Ubuntu 24.04's stock file, trimmed to the settings that matter here. */
  static final String STOCK_50 =
      """
      // Automatically upgrade packages from these (origin:archive) pairs
      Unattended-Upgrade::Allowed-Origins {
      	"${distro_id}:${distro_codename}";
      	"${distro_id}:${distro_codename}-security";
      	// Extended Security Maintenance; doesn't necessarily exist for
      	// every release and this system may not have it installed, but if
      	// available, the policy for updates is such that unattended-upgrades
      	// should also install from here by default.
      	"${distro_id}ESMApps:${distro_codename}-apps-security";
      	"${distro_id}ESM:${distro_codename}-infra-security";
      //	"${distro_id}:${distro_codename}-updates";
      };

      Unattended-Upgrade::Package-Blacklist {
      };

      Unattended-Upgrade::DevRelease "auto";
      //Unattended-Upgrade::Automatic-Reboot "false";
      """;

  @Override
  public void seed(SimFs fs) {
    fs.write("/usr/share/distro-info/ubuntu.csv", UBUNTU_CSV);
    fs.write(
        CONF_D + "/01autoremove",
        """
        APT
        {
          NeverAutoRemove
          {
        	"^firmware-linux.*";
        	"^linux-firmware$";
          };
        };
        """);
    fs.write(
        CONF_D + "/70debconf",
        "DPkg::Pre-Install-Pkgs {\"/usr/sbin/dpkg-preconfigure --apt || true\";};\n");
  }

  @Override
  public Optional<ExecResult> handle(List<String> argv, SimFs fs) {
    return switch (argv.get(0)) {
      case "apt-config" -> Optional.of(aptConfig(argv, fs));
      case "apt-get" ->
          argv.contains("install") && argv.contains(PACKAGE)
              ? Optional.of(install(argv, fs))
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static ExecResult aptConfig(List<String> argv, SimFs fs) {
    if (argv.size() != 2 || !argv.get(1).equals("dump")) {
      return fail(
          argv,
          100,
          "E: Invalid operation " + String.join(" ", argv.subList(1, argv.size())) + "\n");
    }
    List<String> texts = new ArrayList<>();
    for (String name : fs.list(CONF_D)) {
      fs.read(CONF_D + "/" + name).ifPresent(texts::add);
    }
    return ok(argv, SimAptConf.dump(texts));
  }

  private static ExecResult install(List<String> argv, SimFs fs) {
    String head =
        "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";
    String status = fs.read(SimPackages.STATUS).orElse("");
    if (status.contains("Package: " + PACKAGE + "\n")) {
      return ok(
          argv,
          head
              + PACKAGE
              + " is already the newest version ("
              + VERSION
              + ").\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
    }
    fs.write(
        SimPackages.STATUS,
        status
            + "Package: "
            + PACKAGE
            + "\nStatus: install ok installed\nVersion: "
            + VERSION
            + "\n\n");
    fs.write(CONF_D + "/50unattended-upgrades", STOCK_50);
    fs.put(
        "/usr/bin/unattended-upgrade", SimFile.file("#!/usr/bin/python3\n", "root", "root", 0755));
    SimServices.set(fs, PACKAGE, true, true);
    return ok(
        argv,
        head
            + "The following NEW packages will be installed:\n"
            + "  python3-distro-info unattended-upgrades\n"
            + "0 upgraded, 2 newly installed, 0 to remove and 0 not upgraded.\n"
            + "Setting up unattended-upgrades ("
            + VERSION
            + ") ...\n");
  }
}
