//! Who is on stage, and the layouts each role sees.

use uuid::Uuid;

use super::Conference;
use crate::event::{Audience, Event, LayoutView, StageEntry};
use crate::layout;
use crate::participant::Role;

impl Conference {
    /// Participants with media, spotlighted ones first (earliest spotlight first), then in join order.
    fn current_stage(&self) -> Vec<Uuid> {
        let mut on_stage: Vec<_> = self
            .participants()
            .filter(|p| p.has_media && p.service_type.is_admitted())
            .enumerate()
            .map(|(order, p)| (p.spotlight.map_or((1, 0), |t| (0, t.0)), order, p.uuid))
            .collect();
        on_stage.sort_unstable();
        on_stage.into_iter().map(|(_, _, uuid)| uuid).collect()
    }

    /// Emit `stage` and `layout` if the set of participants on stage changed.
    pub(super) fn flush_stage(&mut self) {
        if !std::mem::take(&mut self.stage_dirty) {
            return;
        }
        let stage = self.current_stage();
        if stage == self.stage {
            return;
        }
        self.stage = stage;
        let entries = self
            .stage
            .iter()
            .enumerate()
            .map(|(stage_index, &participant_uuid)| StageEntry {
                participant_uuid,
                stage_index,
                vad: 0,
            })
            .collect();
        self.emit(Audience::Everyone, Event::Stage(entries));
        self.emit_layouts();
    }

    /// Each role sees its own layout.
    pub(super) fn emit_layouts(&mut self) {
        for role in [Role::Host, Role::Guest] {
            let view = self.layout_view(role);
            self.emit(Audience::Role(role), Event::Layout(view));
        }
    }

    pub fn layout_view(&self, role: Role) -> LayoutView {
        let state = &self.room.layout;
        let view = match role {
            Role::Host => state.host_layout.clone(),
            Role::Guest => state.guest_layout.clone(),
        };
        let shown = layout::capacity(&view);
        LayoutView {
            participants: self.stage.iter().copied().take(shown).collect(),
            view,
            chair_layout: state.host_layout.clone(),
            guest_layout: state.guest_layout.clone(),
            overlay_text_enabled: state.overlay_text_enabled,
            override_layout: state.override_layout.clone(),
        }
    }
}
