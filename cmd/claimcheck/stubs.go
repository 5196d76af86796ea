package main

import "context"

func runScheduled(ctx context.Context, e *env, args []string) error { return usagef("not yet") }
func runReview(ctx context.Context, e *env, args []string) error    { return usagef("not yet") }
func runServe(ctx context.Context, e *env, args []string) error     { return usagef("not yet") }
func runTickers(ctx context.Context, e *env, args []string) error   { return usagef("not yet") }
func runRules(ctx context.Context, e *env, args []string) error     { return usagef("not yet") }
