use serde_json::{Value, json};

use super::*;

fn roots(input: &Value) -> Roots<'_> {
    Roots::new(input, &Value::Null)
}

/// `path` evaluated on `input` gives `want`.
fn give(input: Value, path: &str, want: Value) {
    let parsed = Path::parse(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let got = parsed
        .eval(&roots(&input))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(got.into_owned(), want, "{path}");
}

/// `path` evaluated on `input` fails with `message` (the full `Display` text).
fn fail(input: Value, path: &str, message: &str) {
    let parsed = Path::parse(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let err = parsed.eval(&roots(&input)).expect_err(path);
    assert_eq!(err.to_string(), message, "{path}");
}

fn rejects(path: &str) {
    assert!(Path::parse(path).is_err(), "{path} should not parse");
}

fn normalized(path: &str, want: &str) {
    assert_eq!(
        Path::parse(path).map(|p| p.normalized()),
        Ok(want.to_owned()),
        "{path}"
    );
}

fn doc() -> Value {
    json!({
        "a": {"b": {"c": 1}}, "x y": 2, "my-field": "dash", "nums": [10, 20, 30, 40],
        "arr": [{"name": "a", "v": 1}, {"name": "b", "v": 2, "tags": []}, {"name": "c", "v": 3}]
    })
}

#[test]
fn roots_are_parsed() {
    let root = |s: &str| Path::parse(s).map(|p| p.root().clone());
    assert_eq!(root("$"), Ok(Root::Input));
    assert_eq!(root("$.a"), Ok(Root::Input));
    assert_eq!(root("$[0]"), Ok(Root::Input));
    assert_eq!(root("$$"), Ok(Root::Context));
    assert_eq!(root("$$.Execution.Id"), Ok(Root::Context));
    assert_eq!(root("$x"), Ok(Root::Variable("x".into())));
    assert_eq!(root("$my_var.a[0]"), Ok(Root::Variable("my_var".into())));
}

#[test]
fn parse_accepts() {
    for path in [
        "$",
        " $.a ",
        "$.detail-type",
        "$['x y']",
        "$[\"x y\"]",
        "$.a['b'][\"c\"]",
        "$.nums[-1]",
        "$.nums[*]",
        "$.*",
        "$..v",
        "$..*",
        "$..[0]",
        "$.nums[0,2]",
        "$['a', 'b']",
        "$.nums[1:3]",
        "$.nums[:2]",
        "$.nums[-1:]",
        "$.nums[::2]",
        "$.nums[::-1]",
        "$.arr[?(@.v > 1)]",
        "$.arr[?(@.v >= 2 && @.v < 4)]",
        "$.arr[?(@.name == 'b')]",
        "$.arr[?(@.tags)]",
        "$.arr[?(!@.tags)]",
        "$.arr[?((@.v == 1) || (@.v == 3))]",
        "$.arr[?(@.v in [1, 2])]",
        "$.arr[?(@.name nin ['a'])]",
        "$.arr[?(@.v == $.one)]",
        "$.arr[?(@.v==1)]",
        "$.arr[?(@ == null)]",
        "$.a[?(@.x != true)]",
        "$.a[?(@.x == -1.5e2)]",
        "$.a.€uro",
    ] {
        assert!(Path::parse(path).is_ok(), "{path}: {:?}", Path::parse(path));
    }
}

#[test]
fn parse_rejects() {
    for path in [
        "",
        "a",
        "$.",
        "$..",
        "$.a.",
        "$[",
        "$[]",
        "$['a'",
        "$['a]",
        "$[1",
        "$[a]",
        "$.a b",
        "$.nums[::0]",
        "$.a.length()",
        "$.arr[?(@.name =~ /b.*/)]",
        "$.arr[?(@.v >)]",
        "$.arr[?(1)]",
        "$.arr[?(@.v > 1]",
        "$[0,'a']",
        "$[99999999999999999999]",
    ] {
        rejects(path);
    }
}

#[test]
fn deep_filters_are_rejected_not_overflowed() {
    let deep = format!("$[?({}@.a{})]", "(".repeat(500), ")".repeat(500));
    rejects(&deep);
    let nots = format!("$[?({}@.a)]", "!".repeat(500));
    rejects(&nots);
}

#[test]
fn definiteness() {
    let definite = |s: &str| Path::parse(s).map(|p| p.is_definite());
    assert_eq!(definite("$"), Ok(true));
    assert_eq!(definite("$.a.b[0]['c']"), Ok(true));
    assert_eq!(definite("$['a','b']"), Ok(true));
    for s in [
        "$[*]",
        "$..a",
        "$[0,1]",
        "$[1:2]",
        "$[?(@.a)]",
        "$.*",
        "$['a','b'].c",
    ] {
        assert_eq!(definite(s), Ok(false), "{s}");
    }
}

#[test]
fn names_and_indices() {
    give(doc(), "$", doc());
    give(doc(), "$.a.b.c", json!(1));
    give(doc(), "$.a['b']['c']", json!(1));
    give(doc(), "$['x y']", json!(2));
    give(doc(), "$.my-field", json!("dash"));
    give(doc(), "$.nums[1]", json!(20));
    give(doc(), "$.nums[-1]", json!(40));
    give(doc(), "$.arr[1].name", json!("b"));
    give(json!([1, 2]), "$[0]", json!(1));
    give(json!({"a": null}), "$.a", json!(null));
}

#[test]
fn escaped_keys() {
    // scenarios/test_base_scenarios::...test_escape_sequence_parsing[ESCAPE_SEQUENCES_JSONPATH]
    give(
        json!({"Test\\\"\"Name\"": "Value\"\\"}),
        r#"$['Test\""Name"']"#,
        json!("Value\"\\"),
    );
    give(json!({"it's": 1}), r"$['it\'s']", json!(1));
    give(json!({"a\\b": 1}), r"$['a\\b']", json!(1));
}

#[test]
fn wildcards_and_unions() {
    give(doc(), "$.nums[*]", json!([10, 20, 30, 40]));
    give(json!({"a": 1, "b": [2]}), "$.*", json!([1, [2]]));
    give(doc(), "$.nums[0,2]", json!([10, 30]));
    give(doc(), "$.nums[0,9]", json!([10]));
    give(doc(), "$.arr[*].v", json!([1, 2, 3]));
    give(
        json!({"a": 1, "b": 2, "c": 3}),
        "$['a','c']",
        json!({"a": 1, "c": 3}),
    );
    give(json!({"a": 1}), "$['a','zz']", json!({"a": 1}));
    give(
        json!([{"a": 1, "b": 2}, {"a": 3}]),
        "$[*]['a','b']",
        json!([{"a": 1, "b": 2}, {"a": 3}]),
    );
}

#[test]
fn slices() {
    give(doc(), "$.nums[1:3]", json!([20, 30]));
    give(doc(), "$.nums[:2]", json!([10, 20]));
    give(doc(), "$.nums[-1:]", json!([40]));
    give(doc(), "$.nums[-2:]", json!([30, 40]));
    give(doc(), "$.nums[:-1]", json!([10, 20, 30]));
    give(doc(), "$.nums[::2]", json!([10, 30]));
    give(doc(), "$.nums[::-1]", json!([40, 30, 20, 10]));
    give(doc(), "$.nums[5:9]", json!([]));
    give(doc(), "$.nums[-99:1]", json!([10]));
    give(json!([]), "$[::-1]", json!([]));
}

#[test]
fn recursive_descent() {
    give(
        json!({"v": 1, "a": {"v": 2, "b": [{"v": 3}]}}),
        "$..v",
        json!([1, 2, 3]),
    );
    give(
        json!({"a": {"b": 1}, "c": [2]}),
        "$..*",
        json!([{"b": 1}, [2], 1, 2]),
    );
    give(
        json!({"a": [1, 2], "b": {"c": [3]}}),
        "$..[0]",
        json!([1, 3]),
    );
    give(
        json!({"a": [{"k": 1}, {"k": 2, "z": {"k": 3}}]}),
        "$..[?(@.k > 1)].k",
        json!([2, 3]),
    );
}

#[test]
fn filters() {
    give(doc(), "$.arr[?(@.v > 1)].name", json!(["b", "c"]));
    give(doc(), "$.arr[?(@.v >= 2 && @.v < 3)].name", json!(["b"]));
    give(doc(), "$.arr[?(@.name == 'b')].v", json!([2]));
    give(doc(), "$.arr[?(@.name == \"c\")].v", json!([3]));
    give(doc(), "$.arr[?(@.tags)].name", json!(["b"]));
    give(doc(), "$.arr[?(!@.tags)].name", json!(["a", "c"]));
    give(
        doc(),
        "$.arr[?(@.v == 1 || @.v == 3)].name",
        json!(["a", "c"]),
    );
    give(
        doc(),
        "$.arr[?(!(@.v == 1 || @.v == 3))].name",
        json!(["b"]),
    );
    give(doc(), "$.arr[?(@.v != 2)].name", json!(["a", "c"]));
    give(doc(), "$.arr[?(@.v <= 2)].name", json!(["a", "b"]));
    give(doc(), "$.arr[?(@.v in [1, 3])].name", json!(["a", "c"]));
    give(doc(), "$.arr[?(@.name nin ['a', 'b'])].name", json!(["c"]));
    give(doc(), "$.arr[?(@.missing == 1)]", json!([]));
    give(doc(), "$.arr[?(@.name > 'a')].name", json!(["b", "c"]));
    give(doc(), "$.arr[?(@.v == 2.0)].name", json!(["b"]));
    give(
        json!({"lim": 2, "arr": [1, 2, 3]}),
        "$.arr[?(@ >= $.lim)]",
        json!([2, 3]),
    );
    give(
        json!([{"a": null}, {"b": 1}]),
        "$[?(@.a)]",
        json!([{"a": null}]),
    );
    give(
        json!([{"a": null}, {"a": 0}]),
        "$[?(@.a == null)]",
        json!([{"a": null}]),
    );
    give(
        json!([{"a": true}, {"a": false}]),
        "$[?(@.a == true)]",
        json!([{"a": true}]),
    );
    give(
        json!({"a": {"v": 1}}),
        "$.a[?(@.v == 1)]",
        json!([{"v": 1}]),
    );
    give(json!({"a": 5}), "$.a[?(@ > 1)]", json!([]));
    give(
        json!([{"t": [1, 2]}, {"t": []}]),
        "$[?(@.t[*])]",
        json!([{"t": [1, 2]}]),
    );
}

#[test]
fn filter_from_recorded_case() {
    // base/test_base::TestSnfBase::test_state_pass_regex_json_path_base
    let input = json!({"users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}]});
    give(
        input,
        "$.users[?(@.status == 0)]",
        json!([{"year": 1997, "status": 0}]),
    );
}

#[test]
fn indefinite_paths_on_missing_input_give_empty_arrays() {
    // base/test_base::TestSnfBase::test_json_path_array_wildcard_or_slice_with_no_input[...]
    for path in [
        "$.item.items[1:5].itemValue",
        "$.item.items[1:5]",
        "$.item.items[1:]",
        "$.item.items[:1]",
        "$.item.items[*]",
        "$.items[*].itemValue",
        "$.items[1:].itemValue",
        "$[*]",
        "$..nope",
    ] {
        give(json!({}), path, json!([]));
    }
}

#[test]
fn definite_misses_use_jayway_wording() {
    fail(
        json!({}),
        "$.Payload",
        "Invalid path '$.Payload' : No results for path: $['Payload']",
    );
    fail(
        json!({}),
        "$.no.such",
        "Invalid path '$.no.such' : Missing property in path $['no']",
    );
    fail(
        json!({"a": {}}),
        "$.a.b.c",
        "Invalid path '$.a.b.c' : Missing property in path $['a']['b']",
    );
    fail(
        json!({"a": {}}),
        "$.a.b",
        "Invalid path '$.a.b' : No results for path: $['a']['b']",
    );
    fail(
        json!({"a": [1]}),
        "$.a[3]",
        "Invalid path '$.a[3]' : No results for path: $['a'][3]",
    );
    fail(
        json!({"a": [1]}),
        "$.a[3].b",
        "Invalid path '$.a[3].b' : No results for path: $['a'][3]['b']",
    );
    fail(
        json!({"a": null}),
        "$.a[0]",
        "Invalid path '$.a[0]' : The path $['a'] is null",
    );
    fail(
        json!({"a": {"k": 1}}),
        "$.a[0]",
        "Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: {\"k\":1}",
    );
    fail(
        json!({"a": "s"}),
        "$.a.b",
        "Invalid path '$.a.b' : Expected to find an object with property ['b'] in path $['a'] but \
         found 'java.lang.String'. This is not a json object according to the JsonProvider: \
         'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.",
    );
    fail(
        json!({"a": {"v": 1}}),
        "$['a', 'b'].v",
        "Invalid path '$['a', 'b'].v' : Multi properties can only be used as path leafs: $['a', 'b']",
    );
}

#[test]
fn miss_reports_the_failed_step() {
    let err = Path::parse("$.no.such").and_then(|p| {
        p.eval(&roots(&json!({})))
            .map(|_| ())
            .map_err(|e| PathError { message: e.step })
    });
    assert_eq!(
        err,
        Err(PathError {
            message: "no".into()
        })
    );
}

#[test]
fn context_and_variables() {
    let input = json!({"a": 1});
    let context = json!({"Execution": {"Name": "run-1"}});
    let vars: Map<String, Value> =
        serde_json::from_value(json!({"x": {"y": [5, 6]}})).unwrap_or_default();
    let roots = Roots::new(&input, &context).with_variables(&vars);
    let eval = |s: &str| {
        Path::parse(s)
            .ok()
            .and_then(|p| p.eval(&roots).ok())
            .map(Cow::into_owned)
    };
    assert_eq!(eval("$$.Execution.Name"), Some(json!("run-1")));
    assert_eq!(eval("$$"), Some(context.clone()));
    assert_eq!(eval("$x.y[1]"), Some(json!(6)));
    assert_eq!(eval("$x.y[*]"), Some(json!([5, 6])));
    assert_eq!(eval("$x"), Some(json!({"y": [5, 6]})));
    assert_eq!(eval("$.a"), Some(json!(1)));
    let err = Path::parse("$nope.a").map(|p| p.eval(&roots).map(|_| ()));
    assert_eq!(
        err.ok().and_then(Result::err).map(|e| e.reason),
        Some("The variable '$nope' is not defined".to_owned())
    );
}

#[test]
fn definite_results_are_borrowed() {
    let input = doc();
    let got = Path::parse("$.a").map(|p| matches!(p.eval(&roots(&input)), Ok(Cow::Borrowed(_))));
    assert_eq!(got, Ok(true));
}

#[test]
fn normalized_forms() {
    normalized("$", "$");
    normalized("$.a.b", "$['a']['b']");
    normalized("$.a[0]['x y']", "$['a'][0]['x y']");
    normalized("$$.Execution.Id", "$$['Execution']['Id']");
    normalized("$v.a", "$v['a']");
    normalized(
        "$..a[*][1:2][::2][0,1]['p','q'][?(@.x)]",
        "$..['a'][*][1:2][::2][0,1]['p', 'q'][?]",
    );
}

#[test]
fn argument_paths_stop_at_commas() {
    let parsed = Path::parse_argument("$.a.b, 'x')");
    assert_eq!(
        parsed.map(|(p, n)| (p.source().to_owned(), n)),
        Ok(("$.a.b".to_owned(), 5))
    );
    let parsed = Path::parse_argument("$$.Execution.Name)");
    assert_eq!(
        parsed.map(|(p, n)| (p.source().to_owned(), n)),
        Ok(("$$.Execution.Name".to_owned(), 17))
    );
}

fn reference(s: &str) -> ReferencePath {
    ReferencePath::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn reference_paths_accept_names_and_indices_only() {
    for s in [
        "$",
        "$.a",
        "$.a[0].b",
        "$['x y']",
        "$$.Task.Token",
        "$v.a",
        "$.a[-1]",
    ] {
        assert!(ReferencePath::parse(s).is_ok(), "{s}");
    }
    for (s, why) in [
        ("$.a[*]", "wildcards"),
        ("$..a", "recursive descent"),
        ("$.a[?(@.b)]", "filters"),
        ("$.a[1:2]", "slices"),
        ("$.a[0,1]", "unions"),
        ("$['a','b']", "unions"),
        ("$.*", "wildcards"),
    ] {
        let err = ReferencePath::parse(s).map(|_| ()).map_err(|e| e.message);
        assert!(err.as_ref().is_err_and(|m| m.contains(why)), "{s}: {err:?}");
    }
}

#[test]
fn reference_get_and_find() {
    let input = doc();
    let r = roots(&input);
    assert_eq!(reference("$.a.b.c").get(&r), Ok(&json!(1)));
    assert_eq!(reference("$.nums[-1]").get(&r), Ok(&json!(40)));
    assert_eq!(reference("$.a.b.c").find(&r), Some(&json!(1)));
    assert_eq!(reference("$.a.zz").find(&r), None);
    assert_eq!(reference("$.nums[9]").find(&r), None);
    assert_eq!(reference("$.nums.x").find(&r), None);
    assert_eq!(reference("$nope").find(&r), None);
    let err = reference("$.no.such").get(&r).map_err(|e| e.to_string());
    assert_eq!(
        err,
        Err("Invalid path '$.no.such' : Missing property in path $['no']".to_owned())
    );
    assert!(reference("$.a").as_path().is_definite());
    assert_eq!(reference("$.a[0]").normalized(), "$['a'][0]");
}

/// Writing `value` at `path` into `target` gives `want`.
fn put(target: Value, path: &str, value: Value, want: Value) {
    let mut target = target;
    let result = reference(path).set_creating(&mut target, value);
    assert_eq!(result, Ok(()), "{path}");
    assert_eq!(target, want, "{path}");
}

/// Writing at `path` into `target` fails with `reason` and leaves `target` unchanged.
fn put_fails(target: Value, path: &str, reason: &str) {
    let mut changed = target.clone();
    let err = reference(path)
        .set_creating(&mut changed, json!("v"))
        .map_err(|e| e.reason);
    assert_eq!(err, Err(reason.to_owned()), "{path}");
    assert_eq!(changed, target, "{path}");
}

#[test]
fn set_creating_writes() {
    put(json!({"a": 1}), "$", json!(7), json!(7));
    put(json!({"a": 1}), "$.b", json!(2), json!({"a": 1, "b": 2}));
    put(json!({"a": 1}), "$.a", json!(2), json!({"a": 2}));
    put(
        json!({}),
        "$.a.b.c",
        json!(1),
        json!({"a": {"b": {"c": 1}}}),
    );
    put(
        json!({"a": {"x": 0}}),
        "$.a.b",
        json!(1),
        json!({"a": {"x": 0, "b": 1}}),
    );
    put(
        json!({"a": [1, 2]}),
        "$.a[1]",
        json!(9),
        json!({"a": [1, 9]}),
    );
    put(
        json!({"a": [1, 2]}),
        "$.a[-1]",
        json!(9),
        json!({"a": [1, 9]}),
    );
    put(
        json!({"a": [{}, {}]}),
        "$.a[0].b",
        json!(9),
        json!({"a": [{"b": 9}, {}]}),
    );
    put(
        json!({"x y": {}}),
        "$['x y'].z",
        json!(1),
        json!({"x y": {"z": 1}}),
    );
}

#[test]
fn set_creating_failures() {
    put_fails(
        json!({"a": "s"}),
        "$.a.b",
        r#"Unable to apply step "b" to input {"a":"s"}"#,
    );
    put_fails(
        json!("s"),
        "$.a",
        r#"Unable to apply step "a" to input "s""#,
    );
    put_fails(
        json!({"a": 1}),
        "$.a.b.c",
        r#"Unable to apply step "b" to input {"a":1}"#,
    );
    put_fails(
        json!({"a": [1]}),
        "$.a[3]",
        r#"Unable to apply step "3" to input {"a":[1]}"#,
    );
    put_fails(
        json!({"a": {}}),
        "$.a[0]",
        r#"Unable to apply step "0" to input {"a":{}}"#,
    );
    put_fails(
        json!({}),
        "$.a.b[0]",
        r#"Unable to apply step "0" to input {}"#,
    );
    put_fails(
        json!({}),
        "$.a[0].b",
        r#"Unable to apply step "0" to input {}"#,
    );
    put_fails(json!({}), "$$.a", "Unable to write through the root '$$'");
    put_fails(json!({}), "$v.a", "Unable to write through the root '$v'");
}

#[test]
fn every_prefix_parses_or_fails_cleanly() {
    let full = "$..a['x\\'y', \"z\"][-1:][::-2][0,1][?(!(@.v >= -1.5e1 && @.n in ['a', 1]) || $.k != $$.c)].€";
    let input = doc();
    for (end, _) in full.char_indices() {
        if let Ok(path) = Path::parse(&full[..end]) {
            let _ = path.eval(&roots(&input));
        }
        let _ = ReferencePath::parse(&full[..end]);
    }
}
