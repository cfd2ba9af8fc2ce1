//! The model's operations mapped to the typed ones, with inputs read into the generated
//! types.

use super::Sns;
use super::error::SnsError;
use super::types::{
    CheckIfPhoneNumberIsOptedOutResponse, ConfirmSubscriptionResponse, CreateEndpointResponse,
    CreatePlatformApplicationResponse, CreateTopicResponse, GetDataProtectionPolicyResponse,
    GetEndpointAttributesResponse, GetPlatformApplicationAttributesResponse, GetSMSAttributesInput,
    GetSMSAttributesResponse, GetSMSSandboxAccountStatusResult, GetSubscriptionAttributesResponse,
    GetTopicAttributesResponse, ListEndpointsByPlatformApplicationResponse,
    ListOriginationNumbersResult, ListPhoneNumbersOptedOutResponse,
    ListPlatformApplicationsResponse, ListSMSSandboxPhoneNumbersResult, ListSubscriptionsResponse,
    ListTagsForResourceResponse, ListTopicsResponse, PutDataProtectionPolicyInput,
    SetEndpointAttributesInput, SetPlatformApplicationAttributesInput, SetSMSAttributesInput,
    SubscribeResponse, Topic,
};
use crate::model::ServiceModel;
use crate::protocol::WireError;
use crate::services::registry::WeakRegistry;
use crate::services::{Answer, Call, Output, ResetReport, Service, not_implemented};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// An operation's input members, and the host the request addressed.
struct Members(Value, Option<String>);

impl Members {
    fn text(&self, name: &str) -> &str {
        self.0.get(name).and_then(Value::as_str).unwrap_or_default()
    }

    fn optional(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(Value::as_str)
    }

    /// The whole input read as its generated type.
    fn all<T: DeserializeOwned>(&self) -> Result<T, WireError> {
        // The members were checked against the model, so a mismatch is a request the model
        // allows and the fake does not read: reported as a bad parameter.
        serde_json::from_value(self.0.clone())
            .map_err(|e| SnsError::invalid(format!("The request could not be read: {e}")).into())
    }
}

impl Service for Sns {
    fn name(&self) -> &'static str {
        "sns"
    }

    fn model(&self) -> ServiceModel {
        ServiceModel::Sns
    }

    fn call(&self, call: Call) -> Answer<'_> {
        Box::pin(async move {
            let (members, _) = call.input.into_members()?;
            let m = Members(members, call.context.host);
            match self.topics(&call.operation, &m)? {
                Some(output) => Ok(output),
                None => self.others(&call.operation, &m),
            }
        })
    }

    fn reset(&self) -> ResetReport<'_> {
        Box::pin(async move {
            let deliveries = self.outbox.reset();
            let mut state = self.state();
            let report = json!({
                "topics": state.topics.len(),
                "subscriptions": state.subscriptions.len(),
                "platformApplications": state.applications.len(),
                "platformEndpoints": state.endpoints.len(),
                "deliveries": deliveries,
            });
            *state = Default::default();
            report
        })
    }

    fn connect(&self, peers: &WeakRegistry) {
        self.outbox.connect(peers);
    }
}

impl Sns {
    /// The topic and tag operations; `None` for others.
    fn topics(&self, operation: &str, m: &Members) -> Result<Option<Output>, WireError> {
        let arn = m.text("TopicArn");
        let output = match operation {
            "CreateTopic" => Output::of(&CreateTopicResponse {
                topic_arn: Some(self.create_topic(m.all()?)?),
            }),
            "DeleteTopic" => Ok(self.delete_topic(arn).map(|()| Output::empty())?),
            "ListTopics" => {
                let (arns, next_token) = self.list_topics(m.optional("NextToken"))?;
                let topics = arns.into_iter().map(|a| Topic { topic_arn: Some(a) });
                Output::of(&ListTopicsResponse {
                    topics: Some(topics.collect()),
                    next_token,
                })
            }
            "GetTopicAttributes" => Output::of(&GetTopicAttributesResponse {
                attributes: Some(self.topic_attributes(arn)?),
            }),
            "SetTopicAttributes" => {
                let (name, value) = (m.text("AttributeName"), m.text("AttributeValue"));
                self.set_topic_attribute(arn, name, value)?;
                Ok(Output::empty())
            }
            "TagResource" => {
                let input: super::types::TagResourceRequest = m.all()?;
                self.tag_resource(&input.resource_arn, input.tags)?;
                Ok(Output::empty())
            }
            "UntagResource" => {
                let input: super::types::UntagResourceRequest = m.all()?;
                self.untag_resource(&input.resource_arn, &input.tag_keys)?;
                Ok(Output::empty())
            }
            "ListTagsForResource" => Output::of(&ListTagsForResourceResponse {
                tags: Some(self.list_tags(m.text("ResourceArn"))?),
            }),
            _ => return Ok(None),
        };
        output.map(Some)
    }

    /// The subscription and publishing operations.
    fn others(&self, operation: &str, m: &Members) -> Result<Output, WireError> {
        let subscription = m.text("SubscriptionArn");
        match operation {
            "Subscribe" => Output::of(&SubscribeResponse {
                subscription_arn: Some(self.subscribe(m.all()?, m.1.as_deref())?),
            }),
            "ConfirmSubscription" => Output::of(&ConfirmSubscriptionResponse {
                subscription_arn: Some(
                    self.confirm_subscription(m.text("TopicArn"), m.text("Token"))?,
                ),
            }),
            "Unsubscribe" => Ok(self.unsubscribe(subscription).map(|()| Output::empty())?),
            "ListSubscriptions" | "ListSubscriptionsByTopic" => {
                let topic = m.optional("TopicArn");
                let (subscriptions, next_token) =
                    self.list_subscriptions(topic, m.optional("NextToken"))?;
                Output::of(&ListSubscriptionsResponse {
                    subscriptions: Some(subscriptions),
                    next_token,
                })
            }
            "GetSubscriptionAttributes" => Output::of(&GetSubscriptionAttributesResponse {
                attributes: Some(self.subscription_attributes(subscription)?),
            }),
            "SetSubscriptionAttributes" => {
                let (name, value) = (m.text("AttributeName"), m.text("AttributeValue"));
                self.set_subscription_attribute(subscription, name, value)?;
                Ok(Output::empty())
            }
            "Publish" => Output::of(&self.publish(m.all()?)?),
            "PublishBatch" => Output::of(&self.publish_batch(m.all()?)?),
            operation => match self.mobile(operation, m)? {
                Some(output) => Ok(output),
                None => self.sms(operation, m),
            },
        }
    }

    /// The platform application and endpoint operations; `None` for others.
    fn mobile(&self, operation: &str, m: &Members) -> Result<Option<Output>, WireError> {
        let app = m.text("PlatformApplicationArn");
        let endpoint = m.text("EndpointArn");
        let output = match operation {
            "CreatePlatformApplication" => Output::of(&CreatePlatformApplicationResponse {
                platform_application_arn: Some(self.create_platform_application(m.all()?)?),
            }),
            "GetPlatformApplicationAttributes" => {
                Output::of(&GetPlatformApplicationAttributesResponse {
                    attributes: Some(self.platform_application_attributes(app)?),
                })
            }
            "SetPlatformApplicationAttributes" => {
                let input: SetPlatformApplicationAttributesInput = m.all()?;
                self.set_platform_application_attributes(app, input.attributes)?;
                Ok(Output::empty())
            }
            "ListPlatformApplications" => {
                let (applications, next_token) =
                    self.list_platform_applications(m.optional("NextToken"))?;
                Output::of(&ListPlatformApplicationsResponse {
                    platform_applications: Some(applications),
                    next_token,
                })
            }
            "DeletePlatformApplication" => {
                self.delete_platform_application(app)?;
                Ok(Output::empty())
            }
            "CreatePlatformEndpoint" => Output::of(&CreateEndpointResponse {
                endpoint_arn: Some(self.create_platform_endpoint(m.all()?)?),
            }),
            "GetEndpointAttributes" => Output::of(&GetEndpointAttributesResponse {
                attributes: Some(self.endpoint_attributes(endpoint)?),
            }),
            "SetEndpointAttributes" => {
                let input: SetEndpointAttributesInput = m.all()?;
                self.set_endpoint_attributes(endpoint, input.attributes)?;
                Ok(Output::empty())
            }
            "ListEndpointsByPlatformApplication" => {
                let (endpoints, next_token) = self.list_endpoints(app, m.optional("NextToken"))?;
                Output::of(&ListEndpointsByPlatformApplicationResponse {
                    endpoints: Some(endpoints),
                    next_token,
                })
            }
            "DeleteEndpoint" => {
                self.delete_endpoint(endpoint)?;
                Ok(Output::empty())
            }
            _ => return Ok(None),
        };
        output.map(Some)
    }

    /// The SMS and data protection operations.
    fn sms(&self, operation: &str, m: &Members) -> Result<Output, WireError> {
        let number = m.text("phoneNumber");
        let sandbox_number = m.text("PhoneNumber");
        match operation {
            "SetSMSAttributes" => {
                let input: SetSMSAttributesInput = m.all()?;
                self.set_sms_attributes(input.attributes)?;
                Ok(Output::empty())
            }
            "GetSMSAttributes" => {
                let input: GetSMSAttributesInput = m.all()?;
                let names = input.attributes.unwrap_or_default();
                Output::of(&GetSMSAttributesResponse {
                    attributes: Some(self.sms_attributes(&names)),
                })
            }
            "CheckIfPhoneNumberIsOptedOut" => Output::of(&CheckIfPhoneNumberIsOptedOutResponse {
                is_opted_out: Some(self.opted_out(number)?),
            }),
            "ListPhoneNumbersOptedOut" => Output::of(&ListPhoneNumbersOptedOutResponse {
                phone_numbers: Some(Vec::new()),
                next_token: None,
            }),
            "OptInPhoneNumber" => Ok(self.opt_in(number).map(|()| Output::empty())?),
            // Not in the sandbox: see `sms.rs`.
            "GetSMSSandboxAccountStatus" => Output::of(&GetSMSSandboxAccountStatusResult {
                is_in_sandbox: false,
            }),
            "CreateSMSSandboxPhoneNumber" => {
                self.create_sandbox_number(sandbox_number)?;
                Ok(Output::empty())
            }
            "VerifySMSSandboxPhoneNumber" => {
                let password = m.text("OneTimePassword");
                self.verify_sandbox_number(sandbox_number, password)?;
                Ok(Output::empty())
            }
            "DeleteSMSSandboxPhoneNumber" => {
                self.delete_sandbox_number(sandbox_number)?;
                Ok(Output::empty())
            }
            "ListSMSSandboxPhoneNumbers" => {
                let (phone_numbers, next_token) = self.list_sandbox_numbers(m.all()?)?;
                Output::of(&ListSMSSandboxPhoneNumbersResult {
                    phone_numbers,
                    next_token,
                })
            }
            "ListOriginationNumbers" => Output::of(&ListOriginationNumbersResult {
                phone_numbers: Some(Vec::new()),
                next_token: None,
            }),
            "GetDataProtectionPolicy" => Output::of(&GetDataProtectionPolicyResponse {
                data_protection_policy: self.data_protection_policy(m.text("ResourceArn"))?,
            }),
            "PutDataProtectionPolicy" => {
                let input: PutDataProtectionPolicyInput = m.all()?;
                self.put_data_protection_policy(&input.resource_arn, input.data_protection_policy)?;
                Ok(Output::empty())
            }
            "AddPermission" => {
                self.add_permission(m.all()?)?;
                Ok(Output::empty())
            }
            "RemovePermission" => {
                self.remove_permission(m.all()?)?;
                Ok(Output::empty())
            }
            operation => Err(not_implemented(self, operation)),
        }
    }
}
