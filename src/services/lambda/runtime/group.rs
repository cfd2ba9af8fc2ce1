//! A function process's process group: the process and whatever it starts (a handler's
//! `subprocess.Popen`, a shell's pipeline), ended together.

/// The process group a function process leads (it is started as the leader of a new group),
/// sent SIGKILL as a whole when ended or dropped: whether the process exited, was killed for a
/// timeout or a retired function, or the server is shutting down and dropping its tasks.
#[derive(Debug)]
pub struct ProcessGroup {
    /// The leader's pid, which is the group's id, until the group is ended.
    leader: Option<u32>,
}

impl ProcessGroup {
    /// The group led by the process `leader` (`None` once it has been reaped: nothing to end).
    pub fn new(leader: Option<u32>) -> Self {
        ProcessGroup { leader }
    }

    /// Sends SIGKILL to every process in the group, the first time only: once the group is
    /// gone, its id may be given to another process.
    pub fn end(&mut self) {
        let Some(leader) = self.leader.take() else {
            return;
        };
        #[cfg(unix)]
        {
            use nix::sys::signal::{Signal, killpg};
            use nix::unistd::Pid;
            // Never 0 or 1: killpg(0) would signal the server's own group.
            if let Ok(leader) = i32::try_from(leader)
                && leader > 1
            {
                // ESRCH (the whole group is already gone) is the usual, harmless answer.
                let _ = killpg(Pid::from_raw(leader), Signal::SIGKILL);
            }
        }
        #[cfg(not(unix))]
        let _ = leader;
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        self.end();
    }
}
