#!/usr/bin/env bash
# A single-node Slurm on this machine, for tests and CI: munged, slurmctld
# and slurmd started directly (no systemd), one node with CPUs from nproc in
# one default partition, no accounting database.
#
#   scripts/slurm_single_node.sh start   configure and start (idempotent)
#   scripts/slurm_single_node.sh stop    stop the daemons it started
#   scripts/slurm_single_node.sh status  sinfo, or exit 1 when not up
#
# Needs root and Debian's packages:
#   apt-get install -y slurm-wlm slurmctld slurmd munge slurm-client
# which create the munge key and the munge and slurm users. It writes
# /etc/slurm/slurm.conf only when that file is missing or was written by
# this script (it carries a marker line), so a real configuration is never
# replaced. pmix "can not load" lines in the logs are harmless.
set -euo pipefail

conf=/etc/slurm/slurm.conf
marker="# written by admmlab scripts/slurm_single_node.sh"
spool=/var/spool/slurm
logs=/var/log/slurm

need() {
	for c in "$@"; do
		command -v "$c" >/dev/null || { echo "slurm_single_node: $c not found; install: apt-get install -y slurm-wlm slurmctld slurmd munge slurm-client" >&2; exit 2; }
	done
}

running() { pgrep -x "$1" >/dev/null; }

configure() {
	if [ -f "$conf" ] && ! grep -qF "$marker" "$conf"; then
		echo "slurm_single_node: $conf exists and was not written by this script: using it as it is" >&2
		return
	fi
	local host cpus mem
	host=$(hostname -s)
	cpus=$(nproc)
	# RealMemory in MB, a little under the machine's, so the node is not drained.
	mem=$(awk '/^MemTotal:/ {print int($2/1024*0.9)}' /proc/meminfo)
	mkdir -p /etc/slurm "$spool/ctld" "$spool/d" "$logs"
	chown -R slurm:slurm "$spool" "$logs"
	cat >"$conf.tmp" <<EOF
$marker
ClusterName=admmlab
SlurmctldHost=$host
AuthType=auth/munge
CredType=cred/munge
SlurmUser=slurm
SlurmdUser=root
StateSaveLocation=$spool/ctld
SlurmdSpoolDir=$spool/d
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=$logs/slurmctld.log
SlurmdLogFile=$logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=3600
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
	mv "$conf.tmp" "$conf"
}

start() {
	need munged slurmctld slurmd sinfo
	[ "$(id -u)" = 0 ] || { echo "slurm_single_node: start needs root" >&2; exit 2; }
	configure
	mkdir -p /run/munge /var/log/munge /var/lib/munge
	chown munge:munge /run/munge /var/log/munge /var/lib/munge
	chmod 0755 /run/munge
	running munged || runuser -u munge -- /usr/sbin/munged
	running slurmctld || slurmctld
	running slurmd || slurmd
	for _ in $(seq 60); do
		if sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)'; then
			sinfo
			return
		fi
		sleep 1
	done
	echo "slurm_single_node: the node is not idle after 60 s; see $logs/slurmctld.log and $logs/slurmd.log" >&2
	sinfo >&2 || true
	exit 1
}

stop() {
	# Only the daemons this script starts, by their pid files or exact names.
	for d in slurmd slurmctld; do
		if [ -f "/run/$d.pid" ]; then kill "$(cat "/run/$d.pid")" 2>/dev/null || true; fi
	done
	if [ -f /run/munge/munged.pid ]; then kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true; fi
	for _ in $(seq 20); do
		running slurmd || running slurmctld || running munged || return 0
		sleep 0.5
	done
	echo "slurm_single_node: daemons still running after 10 s" >&2
	exit 1
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) sinfo ;;
*) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
