//! The one access policy: who may do what, as pure rules. Every server function's check and
//! every query's filter comes from here; a new area adds actions (rows of the table in the
//! tests), not copies of a rule.
//!
//! Today's rules, from ../shared/DESIGN.md: a circle's content is for its members and for the
//! organisation's animators, who run every circle; admins and leads have no special access to
//! circles they are not in. One exception: a practice an animator promoted into the library is
//! read, and may be tried, by everyone in the organisation (its replies stay in its circle). An
//! archived circle is still read, but takes no new post, reply, reaction or "I tried it" (authors
//! still edit or delete theirs; reports and moderation go on).
use crate::identity::model::Role;

/// What someone wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read a circle's header and posts.
    ReadCircle,
    /// Ask, share or reply in a circle.
    WriteInCircle,
    /// Mark someone's post useful, or say one will try it: not one's own post.
    ReactToPost,
    /// Say "I tried it" of someone's practice: in its circle, or anywhere once it is in the
    /// library (it is there to spread from team to team); not of one's own.
    ReportTried,
    /// Read the organisation's practice library: everyone in it.
    ReadLibrary,
    /// Promote a practice into the library: the animators.
    PromoteToLibrary,
    /// Edit or delete a post: its author, while they may read its circle.
    ChangeOwnPost,
    /// Report a post to the animators: anyone who may read it (in its circle, or in the
    /// library), not its author.
    ReportPost,
    /// Hide a post, restore it, or keep it visible despite reports: the animators.
    ModeratePost,
    /// Read the text of a hidden post: its author and the animators (others see its place).
    ReadHidden,
    /// Create circles, choose their members, archive and reopen them: the animators.
    ManageCircles,
    /// Write a PLC's charter (mission, vision, values, goals): its members write it together,
    /// and the animators who run it may too.
    EditCharter,
    /// File a proposal in a learning network (a problem, a change, an experiment to run): its
    /// members and the animators; a proposal sent back, only its author files again.
    FileProposal,
    /// Accept a network's proposal, send it back or decline it: its steering committee only
    /// (the sponsor and the members marked so), not the animators as such.
    DecideProposal,
    /// Move an experiment along (dates, running, concluded with its result): the committee, the
    /// network's facilitators, the proposal's author, and the animators.
    RunExperiment,
    /// Add a theme (an expected outcome) to a network: the committee and the animators.
    ShapeNetwork,
    /// Record who came to a live session: the circle's facilitators, who scheduled it (the
    /// author), and the animators.
    RecordAttendance,
    /// Put a themed prompt to circles, and read how each circle answers it: the animators.
    SchedulePrompt,
    /// Read notifications and mark them read: only the person they are for, whatever their
    /// role (an animator reads nobody else's).
    ReadNotifications,
    /// Change one's own settings (one's time zone): everyone, whatever their role, and only
    /// their own.
    ChangeOwnSettings,
}

/// How the person stands towards what the action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// A member of the circle in question.
    pub circle_member: bool,
    /// The author of the post in question.
    pub author: bool,
    /// The practice in question is in the organisation's library.
    pub in_library: bool,
    /// The circle in question is archived.
    pub archived: bool,
    /// On the learning network's steering committee (its sponsor, or a member marked so).
    pub committee: bool,
    /// One of the circle's named facilitators.
    pub facilitator: bool,
    /// The person the notification (or the setting) in question is for.
    pub recipient: bool,
}

/// Whether someone with `role` in the organisation, standing so, may do `action`.
pub fn allows(role: Role, standing: Standing, action: Action) -> bool {
    if closed_by_archive(standing, action) {
        return false;
    }
    match action {
        Action::ReadCircle | Action::WriteInCircle | Action::EditCharter => {
            standing.circle_member || sees_every_circle(role)
        }
        Action::FileProposal => allows(role, standing, Action::WriteInCircle),
        Action::DecideProposal => standing.committee && standing.circle_member,
        Action::RunExperiment => {
            (standing.circle_member && (standing.committee || standing.facilitator || standing.author))
                || matches!(role, Role::Animator)
        }
        Action::ShapeNetwork => (standing.committee && standing.circle_member) || matches!(role, Role::Animator),
        Action::RecordAttendance => {
            (standing.circle_member && (standing.facilitator || standing.author)) || matches!(role, Role::Animator)
        }
        Action::ReactToPost => !standing.author && allows(role, standing, Action::WriteInCircle),
        Action::ReportTried => {
            !standing.author && (standing.in_library || allows(role, standing, Action::WriteInCircle))
        }
        Action::ReadLibrary => true,
        Action::PromoteToLibrary | Action::ModeratePost | Action::ManageCircles | Action::SchedulePrompt => {
            matches!(role, Role::Animator)
        }
        Action::ChangeOwnPost => standing.author && allows(role, standing, Action::ReadCircle),
        Action::ReportPost => !standing.author && (standing.in_library || allows(role, standing, Action::ReadCircle)),
        Action::ReadHidden => standing.author || matches!(role, Role::Animator),
        Action::ReadNotifications | Action::ChangeOwnSettings => standing.recipient,
    }
}

/// Whether `action` is refused only because the circle is archived: adding to it (a post, a
/// reply, a reaction, "I tried it" unless from the library, a change of its charter). Refusals
/// say so apart.
pub fn closed_by_archive(standing: Standing, action: Action) -> bool {
    standing.archived
        && match action {
            Action::WriteInCircle
            | Action::ReactToPost
            | Action::EditCharter
            | Action::FileProposal
            | Action::DecideProposal
            | Action::RunExperiment
            | Action::ShapeNetwork
            | Action::RecordAttendance => true,
            Action::ReportTried => !standing.in_library,
            _ => false,
        }
}

/// Whether `role` sees every circle of its organisation, not only its own: the filter that
/// queries listing circles and their posts use.
pub fn sees_every_circle(role: Role) -> bool {
    matches!(role, Role::Animator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Role::*;

    const OUTSIDE_IT: Standing = Standing {
        circle_member: false,
        author: false,
        in_library: false,
        archived: false,
        committee: false,
        facilitator: false,
        recipient: false,
    };
    const ON_COMMITTEE: Standing = Standing { committee: true, ..MEMBER_OF_IT };
    const FACILITATING: Standing = Standing { facilitator: true, ..MEMBER_OF_IT };
    const MEMBER_OF_IT: Standing = Standing { circle_member: true, ..OUTSIDE_IT };
    const RECIPIENT: Standing = Standing { recipient: true, ..OUTSIDE_IT };
    const ITS_AUTHOR: Standing = Standing { circle_member: true, author: true, ..OUTSIDE_IT };
    const OUTSIDE_IN_LIBRARY: Standing = Standing { in_library: true, ..OUTSIDE_IT };
    const AUTHOR_IN_LIBRARY: Standing = Standing { in_library: true, ..ITS_AUTHOR };
    const MEMBER_ARCHIVED: Standing = Standing { archived: true, ..MEMBER_OF_IT };
    const AUTHOR_ARCHIVED: Standing = Standing { archived: true, ..ITS_AUTHOR };
    const LIBRARY_ARCHIVED: Standing = Standing { archived: true, ..OUTSIDE_IN_LIBRARY };

    /// role, standing, action, allowed
    const TABLE: &[(Role, Standing, Action, bool)] = &[
        (Member, MEMBER_OF_IT, ReadCircle, true),
        (Member, MEMBER_OF_IT, WriteInCircle, true),
        (Member, OUTSIDE_IT, ReadCircle, false),
        (Member, OUTSIDE_IT, WriteInCircle, false),
        (Lead, MEMBER_OF_IT, ReadCircle, true),
        (Lead, OUTSIDE_IT, ReadCircle, false),
        (Lead, OUTSIDE_IT, WriteInCircle, false),
        (Animator, OUTSIDE_IT, ReadCircle, true),
        (Animator, OUTSIDE_IT, WriteInCircle, true),
        (Admin, MEMBER_OF_IT, ReadCircle, true),
        (Admin, OUTSIDE_IT, ReadCircle, false),
        (Admin, OUTSIDE_IT, WriteInCircle, false),
        (Member, MEMBER_OF_IT, ReactToPost, true),
        (Member, ITS_AUTHOR, ReactToPost, false),
        (Member, OUTSIDE_IT, ReactToPost, false),
        (Lead, OUTSIDE_IT, ReactToPost, false),
        (Animator, OUTSIDE_IT, ReactToPost, true),
        (Animator, ITS_AUTHOR, ReactToPost, false),
        (Admin, OUTSIDE_IT, ReactToPost, false),
        (Member, MEMBER_OF_IT, ReportTried, true),
        (Member, OUTSIDE_IT, ReportTried, false),
        (Member, OUTSIDE_IN_LIBRARY, ReportTried, true),
        (Member, ITS_AUTHOR, ReportTried, false),
        (Member, AUTHOR_IN_LIBRARY, ReportTried, false),
        (Lead, OUTSIDE_IN_LIBRARY, ReportTried, true),
        (Animator, OUTSIDE_IT, ReportTried, true),
        (Admin, OUTSIDE_IT, ReportTried, false),
        (Member, OUTSIDE_IT, ReadLibrary, true),
        (Animator, OUTSIDE_IT, SchedulePrompt, true),
        (Admin, OUTSIDE_IT, SchedulePrompt, false),
        (Lead, MEMBER_OF_IT, SchedulePrompt, false),
        (Member, ON_COMMITTEE, SchedulePrompt, false),
        (Member, RECIPIENT, ReadNotifications, true),
        (Animator, OUTSIDE_IT, ReadNotifications, false),
        (Admin, MEMBER_OF_IT, ReadNotifications, false),
        (Member, RECIPIENT, ChangeOwnSettings, true),
        (Admin, RECIPIENT, ChangeOwnSettings, true),
        (Animator, OUTSIDE_IT, ChangeOwnSettings, false),
        (Admin, OUTSIDE_IT, ReadLibrary, true),
        (Member, MEMBER_OF_IT, PromoteToLibrary, false),
        (Lead, MEMBER_OF_IT, PromoteToLibrary, false),
        (Admin, MEMBER_OF_IT, PromoteToLibrary, false),
        (Animator, OUTSIDE_IT, PromoteToLibrary, true),
        (Member, ITS_AUTHOR, ChangeOwnPost, true),
        (Member, MEMBER_OF_IT, ChangeOwnPost, false),
        (Animator, OUTSIDE_IT, ChangeOwnPost, false),
        (Member, Standing { author: true, ..OUTSIDE_IT }, ChangeOwnPost, false),
        (Animator, Standing { author: true, ..OUTSIDE_IT }, ChangeOwnPost, true),
        (Member, MEMBER_OF_IT, ReportPost, true),
        (Member, ITS_AUTHOR, ReportPost, false),
        (Member, OUTSIDE_IT, ReportPost, false),
        (Member, OUTSIDE_IN_LIBRARY, ReportPost, true),
        (Admin, OUTSIDE_IT, ReportPost, false),
        (Animator, OUTSIDE_IT, ReportPost, true),
        (Member, MEMBER_OF_IT, ModeratePost, false),
        (Lead, MEMBER_OF_IT, ModeratePost, false),
        (Admin, MEMBER_OF_IT, ModeratePost, false),
        (Animator, OUTSIDE_IT, ModeratePost, true),
        (Member, MEMBER_OF_IT, ReadHidden, false),
        (Member, ITS_AUTHOR, ReadHidden, true),
        (Admin, MEMBER_OF_IT, ReadHidden, false),
        (Animator, OUTSIDE_IT, ReadHidden, true),
        (Animator, OUTSIDE_IT, ManageCircles, true),
        (Member, MEMBER_OF_IT, ManageCircles, false),
        (Lead, MEMBER_OF_IT, ManageCircles, false),
        (Admin, MEMBER_OF_IT, ManageCircles, false),
        // An archived circle is read, and takes nothing new.
        (Member, MEMBER_ARCHIVED, ReadCircle, true),
        (Member, MEMBER_ARCHIVED, WriteInCircle, false),
        (Animator, Standing { archived: true, ..OUTSIDE_IT }, WriteInCircle, false),
        (Member, MEMBER_ARCHIVED, ReactToPost, false),
        (Member, MEMBER_ARCHIVED, ReportTried, false),
        (Member, LIBRARY_ARCHIVED, ReportTried, true),
        (Member, AUTHOR_ARCHIVED, ChangeOwnPost, true),
        (Member, MEMBER_ARCHIVED, ReportPost, true),
        (Animator, Standing { archived: true, ..OUTSIDE_IT }, ModeratePost, true),
        // A PLC's charter: its members and the animators, while it is open.
        (Member, MEMBER_OF_IT, EditCharter, true),
        (Lead, MEMBER_OF_IT, EditCharter, true),
        (Member, OUTSIDE_IT, EditCharter, false),
        (Lead, OUTSIDE_IT, EditCharter, false),
        (Admin, OUTSIDE_IT, EditCharter, false),
        (Animator, OUTSIDE_IT, EditCharter, true),
        (Member, MEMBER_ARCHIVED, EditCharter, false),
        (Animator, Standing { archived: true, ..OUTSIDE_IT }, EditCharter, false),
        // A learning network: members propose, the committee decides, experiments are run by
        // the committee, the facilitators, the proposal's author and the animators.
        (Member, MEMBER_OF_IT, FileProposal, true),
        (Member, OUTSIDE_IT, FileProposal, false),
        (Admin, OUTSIDE_IT, FileProposal, false),
        (Animator, OUTSIDE_IT, FileProposal, true),
        (Member, MEMBER_ARCHIVED, FileProposal, false),
        (Member, ON_COMMITTEE, DecideProposal, true),
        (Member, MEMBER_OF_IT, DecideProposal, false),
        (Member, FACILITATING, DecideProposal, false),
        (Animator, OUTSIDE_IT, DecideProposal, false),
        (Admin, MEMBER_OF_IT, DecideProposal, false),
        // The sponsor taken out of the network decides nothing there.
        (Lead, Standing { committee: true, ..OUTSIDE_IT }, DecideProposal, false),
        (Member, Standing { archived: true, ..ON_COMMITTEE }, DecideProposal, false),
        (Member, ON_COMMITTEE, RunExperiment, true),
        (Member, FACILITATING, RunExperiment, true),
        (Member, ITS_AUTHOR, RunExperiment, true),
        (Member, MEMBER_OF_IT, RunExperiment, false),
        (Admin, OUTSIDE_IT, RunExperiment, false),
        (Animator, OUTSIDE_IT, RunExperiment, true),
        (Member, Standing { archived: true, ..FACILITATING }, RunExperiment, false),
        (Member, ON_COMMITTEE, ShapeNetwork, true),
        (Member, MEMBER_OF_IT, ShapeNetwork, false),
        (Animator, OUTSIDE_IT, ShapeNetwork, true),
        (Lead, MEMBER_OF_IT, ShapeNetwork, false),
        (Animator, Standing { archived: true, ..OUTSIDE_IT }, ShapeNetwork, false),
        // Who came to a live session: its facilitators, who scheduled it, the animators.
        (Member, FACILITATING, RecordAttendance, true),
        (Member, ITS_AUTHOR, RecordAttendance, true),
        (Member, MEMBER_OF_IT, RecordAttendance, false),
        (Member, ON_COMMITTEE, RecordAttendance, false),
        (Lead, OUTSIDE_IT, RecordAttendance, false),
        (Animator, OUTSIDE_IT, RecordAttendance, true),
        (Member, Standing { archived: true, ..FACILITATING }, RecordAttendance, false),
    ];

    #[test]
    fn the_table_of_roles_and_actions() {
        for &(role, standing, action, expected) in TABLE {
            assert_eq!(allows(role, standing, action), expected, "{role:?} {standing:?} {action:?}");
        }
    }

    #[test]
    fn only_animators_see_every_circle() {
        assert!(sees_every_circle(Animator));
        assert!([Member, Lead, Admin].iter().all(|r| !sees_every_circle(*r)));
    }
}
