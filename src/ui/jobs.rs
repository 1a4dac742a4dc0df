//! Long work (opening, importing, saving big projects) on helper threads, with progress, so
//! that the window keeps repainting. Only work whose whole result stays in memory until it is
//! taken (opening, importing, realigning) can be cancelled: dropping its result undoes nothing
//! on disk. Saves and exports write files, so they offer no Cancel (a cancel that still wrote
//! the file would be a lie).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, channel};

use crate::Document;
use eframe::egui;

use super::map::AlignmentMap;
use super::status_bar::StatusBar;

/// What a finished job hands back to the app.
pub enum JobOutput {
    Opened {
        path: PathBuf,
        result: Result<(Prepared, Vec<String>), String>,
    },
    /// A new project and the warnings of its import.
    Imported(Result<(Prepared, Vec<String>), String>),
    Saved {
        path: PathBuf,
        result: Result<crate::Saved, crate::ProjectFileError>,
    },
    Autosaved(Result<(), String>),
    /// What the export wrote, and what it left out (for the user to see).
    Exported(Result<(crate::Exported, Option<String>), String>),
    /// The realigning edit, computed for the project as it was at `generation`.
    Realigned {
        generation: u64,
        result: Result<crate::Edit, String>,
    },
    /// The checker built for the project and the findings of all its rows.
    Checked(Box<super::qa::Analysis>),
}

/// A document with what the views derive from it computed already, so that showing a big
/// project costs the window's thread little.
pub struct Prepared {
    pub doc: Document,
    pub map: AlignmentMap,
    pub status: StatusBar,
}

impl Prepared {
    /// Runs on the job's thread.
    pub fn new(doc: Document) -> Prepared {
        let generation = doc.generation();
        if let Some(first) = doc.project().rows.first() {
            // Builds the id index cache here rather than on the window's thread.
            doc.project().index_of(first.id);
        }
        Prepared {
            map: AlignmentMap::prepared(doc.project(), generation),
            status: StatusBar::prepared(doc.project(), generation),
            doc,
        }
    }
}

/// Progress shared with a job's thread: steps done of steps in all, and a cancel request.
#[derive(Default)]
pub struct Progress {
    done: AtomicU32,
    total: AtomicU32,
    cancelled: AtomicBool,
}

impl Progress {
    pub fn set(&self, done: u32, total: u32) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    /// Share done in [0, 1], or `None` before the job says how much there is.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| self.done.load(Ordering::Relaxed) as f32 / total as f32)
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// Whether the user may cancel a job (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancel {
    /// The result is only in memory: cancelling drops it.
    Allowed,
    /// The job writes files: it runs to its end.
    Never,
}

pub struct Job {
    pub label: String,
    pub cancel: Cancel,
    pub progress: Arc<Progress>,
    receiver: Receiver<JobOutput>,
}

#[derive(Default)]
pub struct Jobs {
    pub running: Vec<Job>,
}

impl Jobs {
    /// Runs `work` on a new thread; the window is asked to repaint when it ends.
    pub fn spawn<F>(&mut self, label: &str, cancel: Cancel, ctx: Option<egui::Context>, work: F)
    where
        F: FnOnce(&Progress) -> JobOutput + Send + 'static,
    {
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = channel();
        let shared = Arc::clone(&progress);
        std::thread::spawn(move || {
            let output = work(&shared);
            let _ = sender.send(output);
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        self.running.push(Job {
            label: label.to_string(),
            cancel,
            progress,
            receiver,
        });
    }

    /// The outputs of jobs that finished (cancelled jobs' outputs are dropped).
    pub fn poll(&mut self) -> Vec<JobOutput> {
        let mut finished = Vec::new();
        self.running.retain(|job| match job.receiver.try_recv() {
            Ok(output) => {
                if !job.progress.is_cancelled() {
                    finished.push(output);
                }
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
        finished
    }

    /// Waits for every running job (tests, and saving before the window closes).
    pub fn wait_all(&mut self) -> Vec<JobOutput> {
        let mut finished = Vec::new();
        for job in self.running.drain(..) {
            if let Ok(output) = job.receiver.recv()
                && !job.progress.is_cancelled()
            {
                finished.push(output);
            }
        }
        finished
    }

    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }
}
