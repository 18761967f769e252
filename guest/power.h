/* Ending the guest: the exit code linux.uml itself returns, then power off. */
#ifndef UJW_POWER_H
#define UJW_POWER_H

/* Makes linux.uml exit with code, flushes hostfs writes and powers the guest off. Never returns. */
void power_off(int code) __attribute__((noreturn));

#endif
