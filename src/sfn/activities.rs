//! CreateActivity, DescribeActivity, DeleteActivity, ListActivities and GetActivityTask.

use super::Sfn;
use super::check::{self, Check, present};
use super::error::{SfnError, SfnResult};
use super::page::PageRequest;
use super::state::{Activity, Tags};
use super::tags::{check_tag_count, checked_tags};
use super::types::{
    ActivityListItem, CreateActivityInput, CreateActivityOutput, DeleteActivityInput,
    DeleteActivityOutput, DescribeActivityInput, DescribeActivityOutput, GetActivityTaskInput,
    GetActivityTaskOutput, ListActivitiesInput, ListActivitiesOutput,
};
use super::{arn, encryption};
use crate::protocol::WireError;
use bytes::Bytes;

use std::time::Duration;

/// How long GetActivityTask holds a poll open before answering with no task, as AWS does.
const POLL_TIMEOUT: Duration = Duration::from_secs(60);

fn checked_activity_arn(arn: Option<String>) -> SfnResult<String> {
    let mut check = Check::new();
    check.required("activityArn", &arn);
    check.len("activityArn", arn.as_deref(), 1, 256);
    check.finish()?;
    arn::activity(&present(arn))
}

impl Sfn {
    /// CreateActivity; a repeat with the same name returns the existing activity.
    pub fn create_activity(&self, input: CreateActivityInput) -> SfnResult<CreateActivityOutput> {
        let mut check = Check::new();
        check.required("name", &input.name);
        check.len("name", input.name.as_deref(), 1, 80);
        encryption::check_constraints(&mut check, input.encryption_configuration.as_ref());
        let tags = checked_tags(&mut check, input.tags.as_deref().unwrap_or_default());
        check.finish()?;
        let name = present(input.name);
        check::resource_name(&name)?;
        encryption::check_key(input.encryption_configuration.as_ref())?;
        let arn = self.scope.activity(&name);
        check_tag_count(&arn, tags.len())?;
        let mut state = self.lock();
        if let Some(existing) = state.activities.get(&arn) {
            if existing.encryption != input.encryption_configuration {
                return Err(SfnError::ActivityAlreadyExists(arn));
            }
            return Ok(CreateActivityOutput {
                activity_arn: arn,
                creation_date: existing.creation_date,
            });
        }
        self.room_for_activity(state.activities.len())?;
        let now = self.now();
        let mut tag_set = Tags::default();
        tag_set.merge(&tags);
        let activity = Activity {
            arn: arn.clone(),
            name,
            creation_date: now,
            encryption: input.encryption_configuration,
            tags: tag_set,
        };
        state.activities.insert(arn.clone(), activity);
        Ok(CreateActivityOutput {
            activity_arn: arn,
            creation_date: now,
        })
    }

    /// DescribeActivity.
    pub fn describe_activity(
        &self,
        input: DescribeActivityInput,
    ) -> SfnResult<DescribeActivityOutput> {
        let arn = checked_activity_arn(input.activity_arn)?;
        let state = self.lock();
        let activity = state
            .activities
            .get(&arn)
            .ok_or(SfnError::ActivityDoesNotExist(arn))?;
        Ok(DescribeActivityOutput {
            activity_arn: activity.arn.clone(),
            name: activity.name.clone(),
            creation_date: activity.creation_date,
            encryption_configuration: activity.encryption.clone(),
        })
    }

    /// DeleteActivity; deleting an unknown activity succeeds, as on AWS.
    pub fn delete_activity(&self, input: DeleteActivityInput) -> SfnResult<DeleteActivityOutput> {
        let arn = checked_activity_arn(input.activity_arn)?;
        self.lock().activities.remove(&arn);
        Ok(DeleteActivityOutput {})
    }

    /// ListActivities, in ascending name order.
    pub fn list_activities(&self, input: ListActivitiesInput) -> SfnResult<ListActivitiesOutput> {
        let page = PageRequest {
            max_results: input.max_results,
            next_token: input.next_token,
        };
        let mut check = Check::new();
        page.check(&mut check, 1024);
        check.finish()?;
        let state = self.lock();
        let items = state
            .activities
            .values()
            .map(|a| {
                let item = ActivityListItem {
                    activity_arn: a.arn.clone(),
                    name: a.name.clone(),
                    creation_date: a.creation_date,
                };
                (a.name.clone(), item)
            })
            .collect();
        let (activities, next_token) = page.page(items)?;
        Ok(ListActivitiesOutput {
            activities,
            next_token,
        })
    }

    /// GetActivityTask: a long poll that hands the next waiting task of the activity to this
    /// worker, or ends after 60 seconds with no token, as AWS does.
    pub async fn get_activity_task(&self, body: &[u8]) -> Result<Bytes, WireError> {
        let input: GetActivityTaskInput = crate::protocol::json::parse_input(body)?;
        let mut check = Check::new();
        check.len("workerName", input.worker_name.as_deref(), 1, 80);
        check.finish()?;
        let arn = checked_activity_arn(input.activity_arn)?;
        if !self.lock().activities.contains_key(&arn) {
            return Err(SfnError::ActivityDoesNotExist(arn).into());
        }
        let task = self
            .executions
            .poll_activity(&arn, input.worker_name, POLL_TIMEOUT)
            .await;
        let (task_token, input) = task.unzip();
        Ok(super::encode(&GetActivityTaskOutput { task_token, input }))
    }
}
