package dev.hermesharden.engine;

/** Where one host-side revert job stands. */
public enum RevertState {
  /** Armed on the host and waiting: it fires at its deadline unless a fresh proof disarms it. */
  ARMED,
  /** A fresh proof over the safe path came in time; the job was stopped before it fired. */
  DISARMED,
  /** The job ran: its log says it fired and the files are (being) put back. */
  FIRED,
  /** Neither fired nor disarmed, and no longer waiting (e.g. the host rebooted before it fired). */
  GONE
}
