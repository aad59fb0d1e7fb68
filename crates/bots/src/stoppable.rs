//! A task of simulated people that runs until it is told to stop: by `stop`, which waits until they
//! have left, or by being dropped, which does not wait.

use std::future::Future;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub(crate) struct Stoppable {
    /// Sending, or dropping it, ends the task's `stopped` future.
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Stoppable {
    /// Spawn `run(stopped)`, where `stopped` completes when the task is to stop.
    pub(crate) fn spawn<F>(run: impl FnOnce(oneshot::Receiver<()>) -> F) -> Self
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let (stop, stopped) = oneshot::channel();
        Stoppable {
            stop,
            task: tokio::spawn(run(stopped)),
        }
    }

    /// Tell the task to stop and wait until it has.
    pub(crate) async fn stop(self) {
        let Stoppable { stop, task } = self;
        // Nobody listens when the task has ended by itself.
        let _ = stop.send(());
        // A task that panicked has nobody left to take out.
        let _ = task.await;
    }
}
