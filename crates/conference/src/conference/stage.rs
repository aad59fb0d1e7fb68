//! Who is on stage, and the layouts each role sees.

use super::Conference;
use crate::event::{Audience, Event, LayoutView, StageEntry};
use crate::layout;
use crate::participant::Role;

impl Conference {
    /// Participants with media, spotlighted ones first (earliest spotlight first), then in join order,
    /// each with the voice activity heard from them.
    fn current_stage(&self) -> Vec<StageEntry> {
        let mut on_stage: Vec<_> = self
            .roster
            .values()
            .filter(|m| m.participant.has_media && m.participant.service_type.is_admitted())
            .enumerate()
            .map(|(order, m)| {
                let p = &m.participant;
                let rank = p.spotlight.map_or((1, 0), |t| (0, t.0));
                (rank, order, p.uuid, m.audible_vad())
            })
            .collect();
        on_stage.sort_unstable();
        on_stage
            .into_iter()
            .enumerate()
            .map(|(stage_index, (_, _, participant_uuid, vad))| StageEntry {
                participant_uuid,
                stage_index,
                vad,
            })
            .collect()
    }

    /// Emit `stage` if who is on stage, in what order or how loud changed, and `layout` too when the
    /// participants or their order did.
    pub(super) fn flush_stage(&mut self) {
        if !std::mem::take(&mut self.stage_dirty) {
            return;
        }
        let stage = self.current_stage();
        if stage == self.stage {
            return;
        }
        let same_people = stage.len() == self.stage.len()
            && stage
                .iter()
                .zip(&self.stage)
                .all(|(now, before)| now.participant_uuid == before.participant_uuid);
        self.stage.clone_from(&stage);
        self.emit(Audience::Everyone, Event::Stage(stage));
        if !same_people {
            self.emit_layouts();
        }
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
            participants: self
                .stage
                .iter()
                .map(|entry| entry.participant_uuid)
                .take(shown)
                .collect(),
            view,
            chair_layout: state.host_layout.clone(),
            guest_layout: state.guest_layout.clone(),
            overlay_text_enabled: state.overlay_text_enabled,
            override_layout: state.override_layout.clone(),
        }
    }
}
