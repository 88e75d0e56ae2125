//! The one access policy: who may do what, as pure rules. Every server function's check and
//! every query's filter comes from here; a new area adds actions (rows of the table in the
//! tests), not copies of a rule.
//!
//! Today's rules, from ../shared/DESIGN.md: a circle's content is for its members and for the
//! organisation's animators, who run every circle; admins and leads have no special access to
//! circles they are not in. One exception: a practice an animator promoted into the library is
//! read, and may be tried, by everyone in the organisation (its replies stay in its circle).
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
}

/// Whether someone with `role` in the organisation, standing so, may do `action`.
pub fn allows(role: Role, standing: Standing, action: Action) -> bool {
    match action {
        Action::ReadCircle | Action::WriteInCircle => standing.circle_member || sees_every_circle(role),
        Action::ReactToPost => !standing.author && allows(role, standing, Action::WriteInCircle),
        Action::ReportTried => {
            !standing.author && (standing.in_library || allows(role, standing, Action::WriteInCircle))
        }
        Action::ReadLibrary => true,
        Action::PromoteToLibrary | Action::ModeratePost => matches!(role, Role::Animator),
        Action::ChangeOwnPost => standing.author && allows(role, standing, Action::ReadCircle),
        Action::ReportPost => !standing.author && (standing.in_library || allows(role, standing, Action::ReadCircle)),
        Action::ReadHidden => standing.author || matches!(role, Role::Animator),
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

    const MEMBER_OF_IT: Standing = Standing { circle_member: true, author: false, in_library: false };
    const OUTSIDE_IT: Standing = Standing { circle_member: false, author: false, in_library: false };
    const ITS_AUTHOR: Standing = Standing { circle_member: true, author: true, in_library: false };
    const OUTSIDE_IN_LIBRARY: Standing = Standing { circle_member: false, author: false, in_library: true };
    const AUTHOR_IN_LIBRARY: Standing = Standing { circle_member: true, author: true, in_library: true };

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
        (Admin, OUTSIDE_IT, ReadLibrary, true),
        (Member, MEMBER_OF_IT, PromoteToLibrary, false),
        (Lead, MEMBER_OF_IT, PromoteToLibrary, false),
        (Admin, MEMBER_OF_IT, PromoteToLibrary, false),
        (Animator, OUTSIDE_IT, PromoteToLibrary, true),
        (Member, ITS_AUTHOR, ChangeOwnPost, true),
        (Member, MEMBER_OF_IT, ChangeOwnPost, false),
        (Animator, OUTSIDE_IT, ChangeOwnPost, false),
        (Member, Standing { circle_member: false, author: true, in_library: false }, ChangeOwnPost, false),
        (Animator, Standing { circle_member: false, author: true, in_library: false }, ChangeOwnPost, true),
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
