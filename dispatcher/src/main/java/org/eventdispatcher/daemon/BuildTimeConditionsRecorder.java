package org.eventdispatcher.daemon;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * At package time, while Spring AOT generates the daemon's context, records what decided its beans
 * ({@link BuildTimeConditions}) as a resource beside the generated code.
 */
class BuildTimeConditionsRecorder implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        // the application's context only: a management child context is generated from the same run
        if (beanFactory.getParentBeanFactory() != null || !beanFactory.containsBean("environment")) {
            return null;
        }
        String conditions = BuildTimeConditions.write(
                BuildTimeConditions.of(beanFactory.getBean("environment", Environment.class)));
        return (generationContext, code) ->
                generationContext.getGeneratedFiles().addResourceFile(BuildTimeConditions.RESOURCE, conditions);
    }
}
