#!/usr/bin/env bash
# Single-node Slurm from Debian 12 packages, for the test suite.  Run as root.
# From ../shared/slurm/slurm-local.sh; changed: DefMemPerCPU (jobs share the node), MaxJobCount.
#   slurm-local.sh up | down | purge
# Clients need:  export SLURM_CONF=$LAB/etc/slurm.conf
set -euo pipefail
LAB=${SLURMLAB:-/tmp/slurm-local}
export SLURM_CONF=$LAB/etc/slurm.conf
NODE=$(hostname -s)

pkg_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
      slurmctld slurmd slurm-client munge
}

up() {
  command -v slurmctld >/dev/null || pkg_install
  rm -rf "$LAB"/{state,spool,run}
  mkdir -p "$LAB"/{etc,state,spool,log,run}
  chown slurm:slurm "$LAB/state" "$LAB/log"   # slurmctld runs as SlurmUser=slurm
  # --- munge (Debian's postinst normally creates the key already)
  if [ ! -s /etc/munge/munge.key ]; then
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
  fi
  install -d -o munge -g munge -m 0755 /run/munge   # no systemd to create it
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged  # forks
    for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  # --- slurm.conf from the node's real hardware (slurmd -C)
  local hw cpus=${SLURMLAB_CPUS:-}
  hw=$(slurmd -C | head -1 | sed 's/^NodeName=[^ ]* //')
  # optional: advertise more CPUs than exist, to run more jobs at once
  [ -n "$cpus" ] && hw="CPUs=$cpus RealMemory=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")"
  cat > "$SLURM_CONF" <<EOF
ClusterName=lab
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=slurm
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$LAB/state
SlurmdSpoolDir=$LAB/spool/slurmd.%n
SlurmctldPidFile=$LAB/run/slurmctld.pid
SlurmdPidFile=$LAB/run/slurmd.pid
SlurmctldLogFile=$LAB/log/slurmctld.log
SlurmdLogFile=$LAB/log/slurmd.log
PlugStackConfig=$LAB/etc/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MpiDefault=none
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$LAB/log/jobcomp.txt
MailProg=/bin/true
SlurmctldTimeout=30
SlurmdTimeout=30
KillWait=5
MinJobAge=300
SlurmdParameters=config_overrides
DefMemPerCPU=1024
NodeName=$NODE NodeAddr=127.0.0.1 $hw State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  [ -e "$LAB/etc/plugstack.conf" ] || : > "$LAB/etc/plugstack.conf"
  slurmctld -i     # both daemonize and write their pid files
  slurmd
  echo "pids: munged=$(cat /run/munge/munged.pid) slurmctld=$(cat "$LAB/run/slurmctld.pid") slurmd=$(cat "$LAB/run/slurmd.pid")"
  # wait (max 60 s) for the node; sinfo can block long while slurmctld is down
  local deadline=$((SECONDS + 60)) st=
  while [ $SECONDS -lt $deadline ]; do
    st=$(timeout 5 sinfo -h -n "$NODE" -o %t 2>/dev/null || true)
    case "$st" in idle|mix|alloc) echo "node $NODE is $st"; return 0;; esac
    kill -0 "$(cat "$LAB/run/slurmctld.pid" 2>/dev/null || echo 0)" 2>/dev/null || break
    sleep 0.2
  done
  echo "node never became idle (state: ${st:-?})" >&2
  tail -n 20 "$LAB/log/slurmctld.log" "$LAB/log/slurmd.log" >&2; return 1
}

_stop() {  # _stop PID: TERM, wait 10 s, KILL
  local p=$1
  kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null || true
}

down() {
  # slurmstepd processes outlive slurmd: cancel all jobs first
  timeout 10 scancel --quiet --partition=debug 2>/dev/null || true
  for _ in $(seq 50); do
    [ -z "$(timeout 5 squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2
  done
  local f
  for f in "$LAB/run/slurmd.pid" "$LAB/run/slurmctld.pid" /run/munge/munged.pid; do
    [ -s "$f" ] && _stop "$(cat "$f")"
    rm -f "$f"
  done
}

purge() { down; rm -rf "$LAB"/{etc,state,spool,log,run}; }

"${1:-up}"
