//! The management node's state: the database, the live room directory it feeds, the web app paths it
//! serves, and who may change them.

use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock};

use rusqlite::Connection;

use crate::api::error::AdminError;
use crate::auth::Authenticator;
use crate::config::AdminConfig;
use crate::db::{conferences, Db};
use crate::error::ManagementError;
use crate::rooms::{vmr_config, RoomSync};
use crate::serving::{Serving, WebAppPath};

/// The management node. Cheap to clone.
#[derive(Clone)]
pub struct Management {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    rooms: Arc<dyn RoomSync>,
    serving: RwLock<Arc<Serving>>,
    auth: Authenticator,
}

impl Management {
    /// Opens (creating) `<data_dir>/plugboard.db` in WAL mode, runs the schema migrations, loads the
    /// branding packages of the enabled web app paths into memory and pushes the stored rooms into
    /// `rooms`. Blocking (reads the database); call it before serving, inside the Tokio runtime if
    /// `rooms` needs one. A stored room the directory refuses (say, a configuration-file room now has
    /// its alias) is logged and left out; it stays stored.
    pub fn open(
        data_dir: &Path,
        admin: AdminConfig,
        rooms: Arc<dyn RoomSync>,
    ) -> Result<Self, ManagementError> {
        let auth = Authenticator::new(admin)?;
        let db = Db::open(data_dir)?;
        let (serving, stored_rooms) = {
            let connection = db.lock();
            let serving = Serving::default().rebuild(&connection)?;
            (serving, conferences::all(&connection)?)
        };
        for row in stored_rooms {
            let name = row.conference.name.clone();
            if let Err(reason) = rooms.upsert(None, vmr_config(&row.conference)) {
                tracing::warn!(room = %name, %reason, "a stored room is not served");
            }
        }
        Ok(Self {
            inner: Arc::new(Inner {
                db,
                rooms,
                serving: RwLock::new(Arc::new(serving)),
                auth,
            }),
        })
    }

    /// The enabled web app path with this slug (case-sensitive, as Pexip's), with its branding package if
    /// it has one.
    pub fn web_app_path(&self, slug: &str) -> Option<WebAppPath> {
        self.serving().path(slug)
    }

    /// The enabled path marked `is_default`, if any: `/webapp2/` then uses its branding.
    pub fn default_path(&self) -> Option<WebAppPath> {
        self.serving().default_path()
    }

    fn serving(&self) -> Arc<Serving> {
        let serving = self
            .inner
            .serving
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(&serving)
    }

    pub(crate) fn auth(&self) -> &Authenticator {
        &self.inner.auth
    }

    pub(crate) fn rooms(&self) -> &dyn RoomSync {
        self.inner.rooms.as_ref()
    }

    /// Runs `work` on a blocking thread with the database connection to itself.
    pub(crate) async fn with_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection, &Management) -> Result<T, AdminError> + Send + 'static,
    ) -> Result<T, AdminError> {
        let management = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut connection = management.inner.db.lock();
            work(&mut connection, &management)
        })
        .await
        .map_err(|error| AdminError::Internal(format!("a database task failed: {error}")))?
    }

    /// Reloads the web app paths from `connection`; call it with the connection still locked after a
    /// change, so that snapshots are replaced in commit order.
    pub(crate) fn refresh_paths(&self, connection: &Connection) -> rusqlite::Result<()> {
        let next = self.serving().rebuild(connection)?;
        *self
            .inner
            .serving
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(next);
        Ok(())
    }
}
